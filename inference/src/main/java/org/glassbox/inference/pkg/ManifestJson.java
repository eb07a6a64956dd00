package org.glassbox.inference.pkg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * model.json ↔ {@link ModelManifest}. Reading refuses unknown fields (a typo must not silently
 * drop a preprocessing step), wrong types and unknown enum tokens with one line naming the field
 * ("model.json: preprocessing.resize.size: expected an integer"); {@link #read} then runs
 * {@link ManifestValidator}. Writing is deterministic (same manifest → same bytes), so a package's
 * identity hash is reproducible.
 */
public final class ManifestJson {
    private final ObjectMapper mapper;

    public ManifestJson() {
        SimpleModule tokens = new SimpleModule("glassbox-enum-tokens");
        tokens.addSerializer(new EnumTokenSerializer());
        tokens.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription beanDesc,
                                                              JsonDeserializer<?> deserializer) {
                return new EnumTokenDeserializer(type.getRawClass());
            }
        });
        mapper = new ObjectMapper()
                .registerModule(tokens)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // The one primitive, preprocessing.replicateChannels, is optional: absent means false.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Parses and validates {@code json}.
     *
     * @param source names the file in messages, e.g. "pkg/model.json"
     * @throws ModelPackageException one line: source, the field's path, the reason
     */
    public ModelManifest read(byte[] json, String source) throws ModelPackageException {
        ModelManifest manifest = parse(json, source);
        ManifestValidator.validate(manifest, source);
        return manifest;
    }

    /** Parses without validating (the validator reports what is wrong, all at once). */
    ModelManifest parse(byte[] json, String source) throws ModelPackageException {
        try {
            ModelManifest manifest = mapper.readValue(json, ModelManifest.class);
            if (manifest == null) {
                throw new ModelPackageException(source + ": empty (expected a JSON object)");
            }
            return manifest;
        } catch (UnrecognizedPropertyException e) {
            throw new ModelPackageException(source + ": unknown field '" + path(e) + "'", e);
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && !e.getTargetType().isEnum()) {
                throw new ModelPackageException(source + ": " + path(e) + ": expected " + describe(e.getTargetType()), e);
            }
            throw new ModelPackageException(source + ": " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            throw new ModelPackageException(source + ": " + path(e) + ": expected " + expected, e);
        } catch (JsonMappingException e) {
            throw new ModelPackageException(source + ": " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ModelPackageException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelPackageException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The manifest as model.json bytes: UTF-8, two-space indent, '\n' line ends, trailing newline. */
    public byte[] write(ModelManifest manifest) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return (mapper.writer(printer).without(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(manifest) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest " + manifest.id(), e);
        }
    }

    /** The manifest as a compact JSON string (stored in the catalog). */
    public String writeCompact(ModelManifest manifest) {
        try {
            return mapper.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest " + manifest.id(), e);
        }
    }

    /** The mapper, configured as above, for callers that embed manifests in their own JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** "preprocessing.resize.size", "labels[2]". */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    @SuppressWarnings({"rawtypes"})
    private static final class EnumTokenSerializer extends StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        EnumTokenSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(EnumTokens.token(value));
        }
    }

    private static final class EnumTokenDeserializer extends StdDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        EnumTokenDeserializer(Class<?> type) {
            super(type);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Class type = handledType();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p, "must be one of " + EnumTokens.choices(type), p.getText(), type);
            }
            Object constant = EnumTokens.parse(type, p.getText());
            if (constant == null) {
                throw InvalidFormatException.from(p, "'" + p.getText() + "' is not one of " + EnumTokens.choices(type), p.getText(), type);
            }
            return constant;
        }
    }
}
