package dev.ballast.cli;

import dev.ballast.operator.host.BallastOperator;
import dev.ballast.operator.host.ClusterPreflight;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ballast run}: the operator, with the scheduler extender and the admission webhook, against the current cluster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Ballast operator against the cluster of the current kubeconfig (or the in-cluster config): it reconciles"
          + " InferenceScalers and GpuNodePools, acting on those in Enforce mode, and serves the scheduler extender and the"
          + " admission webhook. Stop it with Ctrl-C."
    })
class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OperatorFlags flags;

  boolean recommendOnly() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    var options = flags.options(recommendOnly());
    Config config = flags.context == null ? Config.autoConfigure(null) : Config.autoConfigure(flags.context);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    var problem = ClusterPreflight.problem(client, options.watchNamespaces());
    if (problem.isPresent()) {
      client.close();
      throw new IllegalArgumentException("cannot run: " + problem.get());
    }
    BallastOperator operator;
    try {
      operator = BallastOperator.forCluster(client, options);
      operator.start();
    } catch (KubernetesClientException | io.javaoperatorsdk.operator.OperatorException e) {
      client.close();
      throw new IllegalArgumentException("cannot run against the Kubernetes API at " + config.getMasterUrl() + ": " + ClusterPreflight.innermost(e)
          + " (point KUBECONFIG at a cluster with Ballast's CRDs installed: kubectl apply -f deploy/helm/ballast/crds/)");
    }
    spec.commandLine().getOut().println("ballast " + spec.name() + ": operator running against " + config.getMasterUrl()
        + (options.recommendOnly() ? " in recommend mode: status and events only" : "") + "; Ctrl-C stops it");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
