package dev.ballast.core.spi;

import dev.ballast.core.resources.ResourceRequirements;
import java.time.Instant;

/**
 * A replica pod of a service, as a policy sees it.
 *
 * @param nodeId the node it is bound to, or {@code null} while pending
 * @param gpuTypeId the GPU type its node selector asks for
 * @param phaseSince when it entered its current phase
 */
public record PodView(
    String id,
    String serviceId,
    String nodeId,
    String gpuTypeId,
    PodPhase phase,
    ResourceRequirements resources,
    Instant phaseSince) {}
