// Stop sequences on streamed text: every way of cutting the text into pieces gives the same match, the printed
// text is exactly the text before the match, and only the tail that may still become a stop string is held back.
#include "core/common/error.h"
#include "core/decoding/stop_sequences.h"

#include <QTest>
#include <optional>
#include <string>
#include <vector>

using core::StopSequenceMatch;
using core::StopSequenceMatcher;

Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

struct Outcome {
    std::string visible; // text before the match (or all of it)
    std::optional<StopSequenceMatch> match;
};

// The reference: after each piece, look at every occurrence of every stop string in the whole text so far; the
// first piece that completes one decides; among the occurrences then present: earliest begin, earliest end,
// lowest index.
Outcome reference(const std::vector<std::string>& pieces, const std::vector<std::string>& stops)
{
    std::string text;
    for (const std::string& piece : pieces) {
        text += piece;
        std::optional<StopSequenceMatch> best;
        for (size_t k = 0; k < stops.size(); ++k) {
            for (size_t at = text.find(stops[k]); at != std::string::npos; at = text.find(stops[k], at + 1)) {
                const size_t end = at + stops[k].size();
                if (!best || at < best->begin || (at == best->begin && end < best->end))
                    best = StopSequenceMatch { int(k), stops[k], at, end };
            }
        }
        if (best)
            return { text.substr(0, best->begin), best };
    }
    return { text, std::nullopt };
}

// The longest suffix of `text` after `from` that is a proper prefix of a stop string.
size_t expectedHold(const std::string& text, size_t from, const std::vector<std::string>& stops)
{
    size_t hold = 0;
    for (const std::string& stop : stops) {
        for (size_t k = 1; k < stop.size() && k <= text.size() - from; ++k) {
            if (text.compare(text.size() - k, k, stop, 0, k) == 0)
                hold = std::max(hold, k);
        }
    }
    return hold;
}

bool endsInsideUtf8Character(const std::string& s)
{
    for (size_t back = 1; back <= 3 && back <= s.size(); ++back) {
        const unsigned char c = static_cast<unsigned char>(s[s.size() - back]);
        if ((c & 0xC0) == 0x80)
            continue;
        const size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return length > back;
    }
    return false;
}

} // namespace

class TestStopSequences : public QObject {
    Q_OBJECT

private:
    // Feeds `pieces`; checks every intermediate state against the reference; returns what was printed.
    static void feed(const std::vector<std::string>& pieces, const std::vector<std::string>& stops, bool ascii)
    {
        StopSequenceMatcher matcher(stops);
        std::string printed;
        std::vector<std::string> sofar;
        for (const std::string& piece : pieces) {
            const std::string out = matcher.append(piece);
            if (!ascii)
                QVERIFY2(!endsInsideUtf8Character(printed + out), "printed half a UTF-8 character");
            printed += out;
            sofar.push_back(piece);
            const Outcome now = reference(sofar, stops);
            // Never print what a match removes: printed is always a prefix of the visible text so far.
            QVERIFY(now.visible.compare(0, printed.size(), printed) == 0);
            QCOMPARE(matcher.matched(), now.match.has_value());
            if (matcher.matched())
                break;
            // Hold back exactly the possible start of a stop string (ASCII: no UTF-8 holding on top).
            if (ascii) {
                QCOMPARE(matcher.pending().size(), expectedHold(matcher.text(), 0, stops));
                QCOMPARE(printed.size() + matcher.pending().size(), matcher.text().size());
            }
        }
        printed += matcher.flush();
        const Outcome expected = reference(pieces, stops);
        QCOMPARE(printed, expected.visible);
        QCOMPARE(matcher.visibleText(), expected.visible);
        QCOMPARE(matcher.matched(), expected.match.has_value());
        if (expected.match) {
            QCOMPARE(matcher.match()->index, expected.match->index);
            QCOMPARE(matcher.match()->sequence, expected.match->sequence);
            QCOMPARE(matcher.match()->begin, expected.match->begin);
            QCOMPARE(matcher.match()->end, expected.match->end);
            QCOMPARE(matcher.text().substr(matcher.match()->begin, matcher.match()->end - matcher.match()->begin),
                matcher.match()->sequence);
        }
    }

private slots:
    void splitAtEveryPosition_data();
    void splitAtEveryPosition();
    void holdsBackOnlyAPossibleStart();
    void utf8IsNotSplit();
    void nothingAfterAMatch();
    void emptyStopIsRejected();
};

void TestStopSequences::splitAtEveryPosition_data()
{
    using Stops = std::vector<std::string>;
    QTest::addColumn<QString>("text");
    QTest::addColumn<Stops>("stops");
    QTest::addColumn<bool>("ascii");

    QTest::newRow("chatml end") << "Hello there!<|im_end|>\nmore" << Stops { "<|im_end|>" } << true;
    QTest::newRow("no match, partial tail") << "Hello there <|im_e" << Stops { "<|im_end|>" } << true;
    QTest::newRow("two stops") << "A: one\nUser: two\n\nthree" << Stops { "\n\n", "User:" } << true;
    QTest::newRow("at the very start") << "###rest" << Stops { "###" } << true;
    QTest::newRow("self-overlapping") << "xaaaab yy" << Stops { "aab" } << true;
    QTest::newRow("one inside another") << "zabcdz" << Stops { "abcd", "bc" } << true;
    QTest::newRow("same start, shorter wins") << "go abc!" << Stops { "abc", "ab" } << true;
    QTest::newRow("prefix of a stop repeated") << "<<|<|<|end|> tail" << Stops { "<|end|>" } << true;
    QTest::newRow("no stops") << "plain text" << Stops {} << true;
    QTest::newRow("utf-8") << "héllo wörld ✓ done" << Stops { "ö" } << false;
    QTest::newRow("utf-8 stop, no match") << "naïve café ✓" << Stops { "✗" } << false;
}

void TestStopSequences::splitAtEveryPosition()
{
    QFETCH(QString, text);
    QFETCH(std::vector<std::string>, stops);
    QFETCH(bool, ascii);
    const std::string t = text.toStdString();
    const size_t n = t.size();

    feed({ t }, stops, ascii);
    for (size_t i = 0; i <= n; ++i)
        feed({ t.substr(0, i), t.substr(i) }, stops, ascii);
    for (size_t i = 0; i <= n; ++i) {
        for (size_t j = i; j <= n; ++j)
            feed({ t.substr(0, i), t.substr(i, j - i), t.substr(j) }, stops, ascii);
    }
    std::vector<std::string> bytes;
    for (char c : t)
        bytes.emplace_back(1, c);
    feed(bytes, stops, ascii);
}

void TestStopSequences::holdsBackOnlyAPossibleStart()
{
    StopSequenceMatcher m({ "<|im_end|>" });
    QCOMPARE(m.append("Hello "), std::string("Hello "));
    QCOMPARE(m.append("<|im"), std::string());
    QCOMPARE(std::string(m.pending()), std::string("<|im"));
    QCOMPARE(m.append("ag"), std::string("<|imag")); // no longer a possible start: released
    QCOMPARE(m.append("e <"), std::string("e "));
    QCOMPARE(std::string(m.pending()), std::string("<"));
    QCOMPARE(m.flush(), std::string("<"));
    QVERIFY(!m.matched());

    StopSequenceMatcher k({ "aab" });
    QCOMPARE(k.append("aa"), std::string());
    QCOMPARE(k.append("a"), std::string("a")); // "aaa": only the last "aa" can still start "aab"
    QCOMPARE(k.append("b!"), std::string());
    QVERIFY(k.matched());
    QCOMPARE(k.match()->begin, size_t(1));
    QCOMPARE(k.visibleText(), std::string("a"));
}

void TestStopSequences::utf8IsNotSplit()
{
    const std::string text = "ç✓😀";
    StopSequenceMatcher holding({ "zz" });
    StopSequenceMatcher raw({ "zz" }, false);
    std::string printedHolding, printedRaw;
    bool rawSplit = false;
    for (char c : text) {
        const std::string a = holding.append(std::string(1, c));
        QVERIFY(!endsInsideUtf8Character(printedHolding + a));
        printedHolding += a;
        printedRaw += raw.append(std::string(1, c));
        rawSplit |= endsInsideUtf8Character(printedRaw);
    }
    QVERIFY(rawSplit); // without holding, bytes go out as they come
    QCOMPARE(printedHolding + holding.flush(), text);
    QCOMPARE(printedRaw + raw.flush(), text);
}

void TestStopSequences::nothingAfterAMatch()
{
    StopSequenceMatcher m({ "STOP", "END" });
    QCOMPARE(m.append("abc ST"), std::string("abc "));
    QCOMPARE(m.append("OP and more END"), std::string());
    QVERIFY(m.matched());
    QCOMPARE(m.match()->index, 0);
    QCOMPARE(m.match()->begin, size_t(4));
    QCOMPARE(m.match()->end, size_t(8));
    QCOMPARE(m.append("x"), std::string());
    QCOMPARE(m.flush(), std::string());
    QCOMPARE(m.visibleText(), std::string("abc "));
    QCOMPARE(m.text(), std::string("abc STOP and more END"));
    m.reset();
    QVERIFY(!m.matched());
    QCOMPARE(m.append("fine"), std::string("fine"));
}

void TestStopSequences::emptyStopIsRejected()
{
    try {
        StopSequenceMatcher m({ "ok", "" });
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()), QString("generation parameters: stop[1]: a stop sequence cannot be empty"));
    }
}

QTEST_APPLESS_MAIN(TestStopSequences)
#include "tst_stopsequences.moc"
