package dev.ownstack.destinations.file;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;

/** One JSON object per line: the record's fields in order, then the key; numbers and booleans stay JSON numbers and booleans. */
final class JsonLinesRowWriter implements RecordFormat.RowWriter {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private final JsonGenerator out;
    private final String keyColumn;

    JsonLinesRowWriter(OutputStream stream, String keyColumn) throws IOException {
        this.out = JSON.createGenerator(stream, JsonEncoding.UTF8);
        this.out.setRootValueSeparator(null);
        this.keyColumn = keyColumn;
    }

    @Override
    public void write(String key, Map<String, Object> fields) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            out.writeFieldName(field.getKey());
            writeValue(field.getValue());
        }
        out.writeStringField(keyColumn, key);
        out.writeEndObject();
        out.writeRaw('\n');
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else {
            out.writeString(Values.text(value));
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
