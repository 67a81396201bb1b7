package mp4drop.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes {@code first..first+length-1} of a file, read from the disk as they are sent. */
final class FileRange extends InputStream {
    private final FileChannel channel;
    private long remaining;

    FileRange(FileChannel channel, long first, long length) throws IOException {
        this.channel = channel;
        this.channel.position(first);
        this.remaining = length;
    }

    /** The file opened for reading, never through a symbolic link (also not one swapped in after a check). */
    static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int read = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, remaining)));
        if (read > 0) {
            remaining -= read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
