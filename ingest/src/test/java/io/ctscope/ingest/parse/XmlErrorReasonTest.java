package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctscope.ingest.record.ConntrackRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The reason for a rejected XML line names only an element of that line. It once named the last
 * element of an earlier, longer line, and threw when that element lay past the end of the short one.
 */
class XmlErrorReasonTest {
    private final XmlFlowParser parser = new XmlFlowParser();
    private final ConntrackRecord r = new ConntrackRecord();

    @Test
    void shouldNotNameAnElementOfAnEarlierLine() {
        byte[] longLine = ("<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.0.0.1</src>"
            + "<dst>10.0.0.2</dst></layer3></meta><meta direction=\"independent\"><timeout>x</timeout></meta></flow>")
            .getBytes(StandardCharsets.US_ASCII);
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parser.parse(longLine, 0, longLine.length, r));
        assertEquals(ParseStatus.reason(ParseStatus.ERR_BAD_NUMBER) + " at <timeout>", parser.describeError(ParseStatus.ERR_BAD_NUMBER));

        byte[] shortLine = "<?xml version".getBytes(StandardCharsets.US_ASCII);
        int status = parser.parse(shortLine, 0, shortLine.length, r);
        assertEquals(ParseStatus.ERR_BAD_XML, status);
        assertEquals(ParseStatus.reason(ParseStatus.ERR_BAD_XML), parser.describeError(status));
    }
}
