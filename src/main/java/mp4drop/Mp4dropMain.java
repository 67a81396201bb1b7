package mp4drop;

public final class Mp4dropMain {
    public static void main(String[] args) {
    }
}
