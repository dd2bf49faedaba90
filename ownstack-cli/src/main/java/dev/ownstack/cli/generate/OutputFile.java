package dev.ownstack.cli.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One output file being written: rows are appended as text into a block buffer that goes to disk
 * in large writes.
 *
 * <p>A shuffled file keeps a whole block of people in memory and writes its rows in a random
 * order, so that the duplicates of one person are not next to each other in the file. Memory is
 * bounded by the block, never by the number of people.
 *
 * <p>A file that is not to be written still takes its rows and draws its shuffles, so that the
 * random draws other files see are the same as in a run that writes it; its rows then go nowhere.
 */
final class OutputFile implements Closeable {

    private static final int FLUSH_THRESHOLD = 1 << 18;

    private final String name;
    private final Path temporaryPath;
    private final boolean shuffled;
    /** Null for a file that is not written. */
    private final Writer writer;
    private final StringBuilder block = new StringBuilder(FLUSH_THRESHOLD + (1 << 14));
    private char[] copyBuffer = new char[FLUSH_THRESHOLD + (1 << 14)];
    private int[] rowStarts = new int[1024];
    private int rowsInBlock;
    private long rowsWritten;

    OutputFile(String name, Path temporaryPath, boolean shuffled, String header, boolean written) {
        this.name = name;
        this.temporaryPath = temporaryPath;
        this.shuffled = shuffled;
        if (!written) {
            this.writer = null;
            return;
        }
        try {
            this.writer = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(temporaryPath), StandardCharsets.UTF_8), 1 << 16);
            if (!header.isEmpty()) {
                writer.write(header);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw GeneratorErrors.cannot("create", temporaryPath, e);
        }
    }

    String name() {
        return name;
    }

    Path temporaryPath() {
        return temporaryPath;
    }

    long rowsWritten() {
        return rowsWritten;
    }

    boolean written() {
        return writer != null;
    }

    /** Starts a row and returns the buffer to append its text to; {@link #endRow()} finishes it. */
    StringBuilder startRow() {
        if (rowsInBlock == rowStarts.length) {
            rowStarts = Arrays.copyOf(rowStarts, rowStarts.length * 2);
        }
        rowStarts[rowsInBlock++] = block.length();
        return block;
    }

    void endRow() {
        block.append('\n');
        rowsWritten++;
        if (!shuffled && block.length() >= FLUSH_THRESHOLD) {
            writeBlock(null);
        }
    }

    /** Called between people: a shuffled file writes its block once it is large enough. */
    void endPerson(SplittableRandom blockOrder) {
        if (block.length() >= FLUSH_THRESHOLD) {
            writeBlock(blockOrder);
        }
    }

    void finish(SplittableRandom blockOrder) {
        writeBlock(blockOrder);
        if (writer == null) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            throw GeneratorErrors.cannot("write", temporaryPath, e);
        }
    }

    private void writeBlock(SplittableRandom blockOrder) {
        try {
            if (shuffled && blockOrder != null && rowsInBlock > 1) {
                writeShuffled(blockOrder);
            } else {
                write(0, block.length());
            }
        } catch (IOException e) {
            throw GeneratorErrors.cannot("write", temporaryPath, e);
        }
        block.setLength(0);
        rowsInBlock = 0;
    }

    private void writeShuffled(SplittableRandom blockOrder) throws IOException {
        int[] order = new int[rowsInBlock];
        for (int row = 0; row < rowsInBlock; row++) {
            order[row] = row;
        }
        for (int row = rowsInBlock - 1; row > 0; row--) {
            int other = blockOrder.nextInt(row + 1);
            int swap = order[row];
            order[row] = order[other];
            order[other] = swap;
        }
        for (int row : order) {
            int end = row + 1 < rowsInBlock ? rowStarts[row + 1] : block.length();
            write(rowStarts[row], end);
        }
    }

    private void write(int start, int end) throws IOException {
        if (writer == null) {
            return;
        }
        int length = end - start;
        if (copyBuffer.length < length) {
            copyBuffer = new char[length];
        }
        block.getChars(start, end, copyBuffer, 0);
        writer.write(copyBuffer, 0, length);
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw GeneratorErrors.cannot("close", temporaryPath, e);
        }
    }
}
