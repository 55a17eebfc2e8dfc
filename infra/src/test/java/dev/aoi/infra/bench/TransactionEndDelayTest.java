package dev.aoi.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.net.TcpProxy;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class TransactionEndDelayTest {

    private static final long DELAY_MS = 200;

    private static byte[] readyForQuery(char status) {
        return new byte[] {'Z', 0, 0, 0, 5, (byte) status};
    }

    @Test
    void only_the_reply_that_ends_a_transaction_waits_and_every_byte_passes_unchanged() throws Exception {
        LongAdder delayed = new LongAdder();
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort(),
                        () -> new TransactionEndDelay(() -> TimeUnit.MILLISECONDS.toNanos(DELAY_MS), delayed))) {
            Thread server = new Thread(() -> echoOnce(echo), "echo");
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket("127.0.0.1", proxy.port())) {
                byte[] plain = "SELECT 1 -- COMMIT is only text here".getBytes(StandardCharsets.US_ASCII);
                assertThat(roundTrip(client, plain)).isEqualTo(plain);
                assertThat(roundTrip(client, readyForQuery('T'))).isEqualTo(readyForQuery('T'));
                assertThat(delayed.sum()).isZero();

                long start = System.nanoTime();
                assertThat(roundTrip(client, readyForQuery('I'))).isEqualTo(readyForQuery('I'));
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(DELAY_MS);
                assertThat(delayed.sum()).isEqualTo(1);

                // idle to idle (a statement outside any transaction) is not a transaction end
                assertThat(roundTrip(client, readyForQuery('I'))).isEqualTo(readyForQuery('I'));
                assertThat(delayed.sum()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_message_split_across_reads_is_still_seen() {
        LongAdder delayed = new LongAdder();
        TransactionEndDelay rule = new TransactionEndDelay(() -> 1000, delayed);
        byte[] inTransaction = readyForQuery('T');
        assertThat(rule.delayNanos(inTransaction, inTransaction.length)).isZero();
        byte[] data = {'D', 1, 2, 3, 'Z', 0, 0};
        assertThat(rule.delayNanos(data, data.length)).isZero();
        byte[] rest = {0, 5, 'I'};
        assertThat(rule.delayNanos(rest, rest.length)).isEqualTo(1000);
        assertThat(delayed.sum()).isEqualTo(1);
    }

    private static byte[] roundTrip(Socket client, byte[] bytes) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(bytes);
        out.flush();
        byte[] back = new byte[bytes.length];
        new DataInputStream(client.getInputStream()).readFully(back);
        return back;
    }

    private static void echoOnce(ServerSocket server) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the test closed the connection
        }
    }
}
