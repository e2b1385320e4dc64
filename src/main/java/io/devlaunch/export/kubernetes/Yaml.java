package io.devlaunch.export.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Kubernetes objects as YAML through the model's own Jackson annotations: no empty fields, fields in
 * the model's order (name first), plain scalars where YAML reads them back as the same string —
 * a string that looks like a number ({@code "8000"} in a command) stays quoted, or the API server
 * would read a number where it wants a string — and no folded lines, so a command reads as written.
 */
final class Yaml {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .build();

    private Yaml() {}

    static String of(Object o) {
        return MAPPER.writeValueAsString(o);
    }
}
