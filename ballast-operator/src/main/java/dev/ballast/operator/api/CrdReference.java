package dev.ballast.operator.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field reference of Ballast's CRDs in Markdown, generated from the CRDs themselves (which the
 * fabric8 CRD generator makes from the Java classes), so the docs cannot drift from the API.
 */
public final class CrdReference {
  public static final List<String> CRDS = List.of("inferencescalers", "gpunodepools", "modelprofiles");

  private CrdReference() {}

  public static String markdown() {
    StringBuilder md = new StringBuilder("""
        # CRD reference

        Generated from the CRDs in `deploy/helm/ballast/crds/` (themselves generated from the Java
        classes in `ballast-operator/src/main/java/dev/ballast/operator/api/v1alpha1/`). Do not edit by
        hand: `DeployManifestsTest` checks it and prints the command that refreshes it.
        """);
    KubernetesSerialization yaml = new KubernetesSerialization();
    for (String name : CRDS) {
      try (InputStream in = CrdReference.class.getResourceAsStream("/META-INF/fabric8/" + name + ".ballast.dev-v1.yml")) {
        CustomResourceDefinition crd = yaml.unmarshal(in, CustomResourceDefinition.class);
        var version = crd.getSpec().getVersions().get(0);
        md.append("\n## ").append(crd.getSpec().getNames().getKind()).append("\n\n");
        md.append("`").append(crd.getSpec().getGroup()).append('/').append(version.getName()).append("`, ")
            .append(crd.getSpec().getScope().toLowerCase()).append(", short name `")
            .append(String.join("`, `", crd.getSpec().getNames().getShortNames())).append("`.\n\n");
        md.append("| Field | Type | Default | Constraints | Description |\n|---|---|---|---|---|\n");
        List<String> rules = new ArrayList<>();
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        walk("spec", root.getProperties().get("spec"), root.getRequired() != null && root.getRequired().contains("spec"), md, rules);
        if (!rules.isEmpty()) {
          md.append("\nRules the API server checks:\n\n");
          rules.forEach(r -> md.append("- ").append(r).append('\n'));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return md.toString();
  }

  private static void walk(String path, JSONSchemaProps p, boolean required, StringBuilder md, List<String> rules) {
    if (p == null) {
      return;
    }
    if (p.getXKubernetesValidations() != null) {
      for (ValidationRule r : p.getXKubernetesValidations()) {
        rules.add("`" + path + "`: `" + r.getRule() + "` (\"" + r.getMessage() + "\")");
      }
    }
    if (!path.equals("spec")) {
      md.append("| `").append(path).append("` | ").append(type(p)).append(" | ")
          .append(p.getDefault() == null ? "" : "`" + p.getDefault().toString().replace("|", "\\|") + "`").append(" | ")
          .append(constraints(p, required)).append(" | ")
          .append(p.getDescription() == null ? "" : p.getDescription().replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }
    Map<String, JSONSchemaProps> children = p.getProperties() != null ? new TreeMap<>(p.getProperties())
        : p.getItems() != null && p.getItems().getSchema() != null && p.getItems().getSchema().getProperties() != null
            ? new TreeMap<>(p.getItems().getSchema().getProperties()) : Map.of();
    String prefix = p.getItems() != null ? path + "[]." : path + ".";
    JSONSchemaProps holder = p.getItems() != null && p.getItems().getSchema() != null ? p.getItems().getSchema() : p;
    if (p.getItems() != null && p.getItems().getSchema() != null && p.getItems().getSchema().getXKubernetesValidations() != null) {
      for (ValidationRule r : p.getItems().getSchema().getXKubernetesValidations()) {
        rules.add("`" + path + "[]`: `" + r.getRule() + "` (\"" + r.getMessage() + "\")");
      }
    }
    for (Map.Entry<String, JSONSchemaProps> c : children.entrySet()) {
      walk(prefix + c.getKey(), c.getValue(), holder.getRequired() != null && holder.getRequired().contains(c.getKey()), md, rules);
    }
  }

  private static String type(JSONSchemaProps p) {
    if ("array".equals(p.getType()) && p.getItems() != null && p.getItems().getSchema() != null) {
      return "array of " + p.getItems().getSchema().getType();
    }
    if ("object".equals(p.getType()) && p.getAdditionalProperties() != null && p.getAdditionalProperties().getSchema() != null) {
      return "map of " + p.getAdditionalProperties().getSchema().getType();
    }
    return p.getType() == null ? "" : p.getType();
  }

  private static String constraints(JSONSchemaProps p, boolean required) {
    List<String> c = new ArrayList<>();
    if (required) {
      c.add("required");
    }
    if (p.getMinimum() != null) {
      c.add("≥ " + trim(p.getMinimum()));
    }
    if (p.getMaximum() != null) {
      c.add("≤ " + trim(p.getMaximum()));
    }
    if (p.getEnum() != null && !p.getEnum().isEmpty()) {
      c.add("one of " + String.join(", ", p.getEnum().stream().map(e -> e.toString().replace("\"", "")).toList()));
    }
    if (p.getPattern() != null) {
      c.add("matches `" + p.getPattern().replace("|", "\\|") + "`");
    }
    return String.join("; ", c);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
