package io.devlaunch.export.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Kubernetes objects as YAML through the model's own Jackson annotations: no empty fields, plain scalars where safe. */
final class Yaml {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .build();

    private Yaml() {}

    static String of(Object o) {
        return MAPPER.writeValueAsString(o);
    }
}
