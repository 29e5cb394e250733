package dev.tarn.glue.classify;

import com.github.luben.zstd.ZstdInputStream;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.snappy.SnappyCompressorInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ORC classification from the file's tail, without reading any stripe. An ORC file ends with its
 * Footer, the PostScript and one byte giving the PostScript's length; PostScript and Footer are
 * the protobuf messages of ORC's {@code orc_proto.proto}, read here field by field with
 * protobuf-java's wire-format reader. The Footer is compressed with the codec the PostScript
 * names (chunks with a 3-byte header): none, zlib, snappy, lz4 and zstd are read; LZO is not.
 * The Footer's type tree (a flattened list, the root struct first) gives the columns.
 */
public final class OrcInference
{
    /** The tail read first; a footer longer than this is read with a second range request. */
    public static final int TAIL_GUESS = 16 * 1024;
    public static final int MAX_TAIL_BYTES = 16 << 20;
    private static final byte[] MAGIC = "ORC".getBytes(StandardCharsets.US_ASCII);
    private static final String[] CODECS = {"none", "zlib", "snappy", "lzo", "lz4", "zstd"};

    private OrcInference() {}

    public static boolean matches(byte[] sample)
    {
        return sample.length >= MAGIC.length && sample[0] == MAGIC[0] && sample[1] == MAGIC[1] && sample[2] == MAGIC[2];
    }

    /** Where the file's ORC tail starts, from its PostScript: the bytes a reader needs from that offset to the end. */
    public static Optional<Long> tailLength(long fileSize, byte[] tail)
    {
        return postScript(fileSize, tail).map(postScript -> postScript.footerLength() + postScript.length() + 1)
                .filter(length -> length <= Math.min(fileSize, MAX_TAIL_BYTES));
    }

    /**
     * The schema, from the last bytes of the file ({@code tail}, at least {@link #tailLength}
     * of them; the whole file when it is small).
     */
    public static Optional<FileSchema> infer(long fileSize, byte[] tail)
    {
        Optional<PostScript> found = postScript(fileSize, tail);
        if (found.isEmpty() || found.get().footerLength() + found.get().length() + 1 > tail.length) {
            return Optional.empty();
        }
        PostScript postScript = found.get();
        int footerEnd = tail.length - 1 - postScript.length();
        int footerStart = footerEnd - (int) postScript.footerLength();
        try {
            byte[] footer = decompress(postScript.codec(), tail, footerStart, footerEnd);
            List<OrcType> types = types(footer);
            if (types.isEmpty() || types.get(0).kind() != Kind.STRUCT) {
                return Optional.empty();
            }
            OrcType root = types.get(0);
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < root.subtypes().size() && i < root.fieldNames().size(); i++) {
                columns.add(Column.of(root.fieldNames().get(i).toLowerCase(Locale.ROOT), hiveType(types, root.subtypes().get(i), 0)));
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FileSchema("orc", "none", columns, "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", SerDeInfo.of("org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of("serialization.format", "1")),
                    Map.of("classification", "orc", "orc.compress", postScript.codec().toUpperCase(Locale.ROOT)), "orc"));
        }
        catch (IOException | RuntimeException e) {
            // a damaged footer, or a codec this reader lacks: the file is not classified
            return Optional.empty();
        }
    }

    /** @param length the PostScript's own length (the file's last byte) */
    private record PostScript(long footerLength, String codec, int length) {}

    private static Optional<PostScript> postScript(long fileSize, byte[] tail)
    {
        if (tail.length < 2 || fileSize < MAGIC.length + 2) {
            return Optional.empty();
        }
        int length = tail[tail.length - 1] & 0xff;
        if (length == 0 || length + 1 > tail.length) {
            return Optional.empty();
        }
        long footerLength = -1;
        int codec = 0;
        boolean magic = false;
        try {
            CodedInputStream in = CodedInputStream.newInstance(tail, tail.length - 1 - length, length);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> footerLength = in.readUInt64();
                    case 2 -> codec = in.readEnum();
                    case 8000 -> magic = in.readStringRequireUtf8().equals("ORC");
                    default -> in.skipField(tag);
                }
            }
        }
        catch (IOException e) {
            return Optional.empty();
        }
        if (!magic || footerLength < 0 || codec < 0 || codec >= CODECS.length) {
            return Optional.empty();
        }
        return Optional.of(new PostScript(footerLength, CODECS[codec], length));
    }

    /** ORC's type kinds, by their number in orc_proto.proto. */
    private enum Kind
    {
        BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, BINARY, TIMESTAMP, LIST, MAP, STRUCT, UNION, DECIMAL, DATE, VARCHAR, CHAR,
        TIMESTAMP_INSTANT
    }

    private record OrcType(Kind kind, List<Integer> subtypes, List<String> fieldNames, int maximumLength, int precision, int scale) {}

    /** Footer field 4: the types. */
    private static List<OrcType> types(byte[] footer)
            throws IOException
    {
        List<OrcType> types = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(footer);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 4 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                types.add(type(in.readBytes().newCodedInput()));
            }
            else {
                in.skipField(tag);
            }
        }
        return types;
    }

    private static OrcType type(CodedInputStream in)
            throws IOException
    {
        int kind = 0;
        List<Integer> subtypes = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        int maximumLength = 0;
        int precision = 0;
        int scale = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> kind = in.readEnum();
                case 2 -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            subtypes.add(in.readUInt32());
                        }
                        in.popLimit(limit);
                    }
                    else {
                        subtypes.add(in.readUInt32());
                    }
                }
                case 3 -> fieldNames.add(in.readStringRequireUtf8());
                case 4 -> maximumLength = in.readUInt32();
                case 5 -> precision = in.readUInt32();
                case 6 -> scale = in.readUInt32();
                default -> in.skipField(tag);
            }
        }
        if (kind < 0 || kind >= Kind.values().length) {
            throw new IOException("unknown ORC type kind " + kind);
        }
        return new OrcType(Kind.values()[kind], subtypes, fieldNames, maximumLength, precision, scale);
    }

    /** The Hive type of type {@code id}, as Hive's OrcSerde maps ORC's types. */
    private static String hiveType(List<OrcType> types, int id, int depth)
    {
        if (id < 0 || id >= types.size() || depth > 100) {
            throw new IllegalArgumentException("malformed ORC type tree");
        }
        OrcType type = types.get(id);
        List<Integer> children = type.subtypes();
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case BYTE -> "tinyint";
            case SHORT -> "smallint";
            case INT -> "int";
            case LONG -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case STRING -> "string";
            case BINARY -> "binary";
            case TIMESTAMP, TIMESTAMP_INSTANT -> "timestamp";
            case DATE -> "date";
            // files written before Hive 0.13 have no precision: Hive reads them as decimal(38,18)
            case DECIMAL -> type.precision() == 0 ? "decimal(38,18)" : HiveTypes.decimal(type.precision(), type.scale());
            case VARCHAR -> "varchar(" + type.maximumLength() + ")";
            case CHAR -> "char(" + type.maximumLength() + ")";
            case LIST -> "array<" + hiveType(types, children.get(0), depth + 1) + ">";
            case MAP -> "map<" + hiveType(types, children.get(0), depth + 1) + "," + hiveType(types, children.get(1), depth + 1) + ">";
            case STRUCT -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < children.size(); i++) {
                    fields.add(type.fieldNames().get(i).toLowerCase(Locale.ROOT) + ":" + hiveType(types, children.get(i), depth + 1));
                }
                yield "struct<" + String.join(",", fields) + ">";
            }
            case UNION -> {
                List<String> branches = new ArrayList<>();
                for (int child : children) {
                    branches.add(hiveType(types, child, depth + 1));
                }
                yield "uniontype<" + String.join(",", branches) + ">";
            }
        };
    }

    /** An ORC compressed stream: chunks, each after a 3-byte little-endian header of (length << 1) | isOriginal. */
    private static byte[] decompress(String codec, byte[] bytes, int start, int end)
            throws IOException
    {
        if (codec.equals("none")) {
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = start;
        while (position < end) {
            if (position + 3 > end) {
                throw new IOException("truncated ORC chunk header");
            }
            int header = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8 | (bytes[position + 2] & 0xff) << 16;
            position += 3;
            int length = header >>> 1;
            if (position + length > end) {
                throw new IOException("truncated ORC chunk");
            }
            if ((header & 1) == 1) {
                out.write(bytes, position, length);
            }
            else {
                chunk(codec, bytes, position, length, out);
            }
            if (out.size() > MAX_TAIL_BYTES) {
                throw new IOException("ORC footer too large");
            }
            position += length;
        }
        return out.toByteArray();
    }

    private static void chunk(String codec, byte[] bytes, int offset, int length, ByteArrayOutputStream out)
            throws IOException
    {
        switch (codec) {
            case "zlib" -> inflate(bytes, offset, length, out);
            case "snappy" -> copy(new SnappyCompressorInputStream(new ByteArrayInputStream(bytes, offset, length)), out);
            case "lz4" -> copy(new BlockLZ4CompressorInputStream(new ByteArrayInputStream(bytes, offset, length)), out);
            case "zstd" -> copy(new ZstdInputStream(new ByteArrayInputStream(bytes, offset, length)), out);
            default -> throw new IOException("ORC codec " + codec + " is not supported");
        }
    }

    private static void inflate(byte[] bytes, int offset, int length, ByteArrayOutputStream out)
            throws IOException
    {
        // ORC's zlib chunks are raw deflate, without zlib's header
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, offset, length);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_TAIL_BYTES) {
                    throw new IOException("ORC footer too large");
                }
            }
        }
        catch (DataFormatException e) {
            throw new IOException(e);
        }
        finally {
            inflater.end();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out)
            throws IOException
    {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_TAIL_BYTES) {
                    throw new IOException("ORC footer too large");
                }
            }
        }
    }
}
