package timeline

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestJSONOutMatchesEncodingJSON: the hand-written encoder writes the
// export types byte for byte as encoding/json does, compact and indented,
// whatever the strings hold.
func TestJSONOutMatchesEncodingJSON(t *testing.T) {
	hostile := []string{"", "زار الرئيس بغداد", "a \"quoted\" \\ back", "only \"quotes\"", "fast\tescapes\nonly\r \"q\" \\ end", "<b>&amp;</b>", "tab\tnl\ncr\rnul\x00esc\x1b del\x7f",
		"bad \xff\xfe utf8 \xe2\x80", "line\u2028para\u2029sep", "\u200f\u202e rtl", "emoji 😀", "\ufffd literal € é", "cut \xd8", "lead \xd8A", "\b\f"}
	var events []ExportEvent
	for i, s := range hostile {
		x := ExportEvent{ID: s, Type: "visit", Date: s, Precision: "day", Actors: []string{s, "ب"}, Place: s, Summary: s,
			Status: "reported", Planned: i%2 == 0, Confidence: []float64{0, 0.6, 1, 0.05, 1e-7, 1e22, 0.125}[i%7],
			Mentions:  []ExportMention{{Source: s, Sentence: s, Start: i, End: -i, Status: s, Attribution: s, Speaker: s}, {Source: "x"}},
			Conflicts: []ExportConflict{{Field: s, A: ExportSide{Value: s, Source: s, Sentence: s, Start: 1, End: 2}}}}
		if i%3 == 0 {
			x.Earliest, x.Latest, x.Modifier, x.Basis, x.DateExpr, x.DateBasis, x.TimeOfDay = s, s, "approx", "stated", s, s, s
		}
		events = append(events, x)
	}
	events = append(events, ExportEvent{}, ExportEvent{Actors: []string{}, Mentions: []ExportMention{}, Conflicts: []ExportConflict{}})
	for _, style := range [][2]string{{"", ""}, {"    ", "  "}, {"", "\t"}} {
		for i := range events {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if style[1] != "" {
				enc.SetIndent(style[0], style[1])
			}
			if err := enc.Encode(events[i]); err != nil {
				t.Fatal(err)
			}
			o := jsonOut{prefix: style[0], indent: style[1]}
			o.event(&events[i])
			if got := string(o.b) + "\n"; got != want.String() {
				t.Errorf("event %d, indent %q:\n got %s\nwant %s", i, style, got, want.String())
			}
			src := ExportSource{ID: hostile[i%len(hostile)], Path: "a/b.txt", Title: hostile[(i+1)%len(hostile)], Published: "2024-01-02"}
			want.Reset()
			enc.Encode(src)
			o.b = o.b[:0]
			o.source(&src)
			if got := string(o.b) + "\n"; got != want.String() {
				t.Errorf("source %d, indent %q:\n got %s\nwant %s", i, style, got, want.String())
			}
		}
	}
}

// TestStrMatchesEncodingJSON: strings of bytes at every edge the string
// writer draws (controls, quote, backslash, DEL, continuation bytes,
// overlong and two-, three- and four-byte leads) mixed with Arabic are
// written as encoding/json writes them.
func TestStrMatchesEncodingJSON(t *testing.T) {
	edges := []byte{0x00, 0x1F, 0x20, '"', '\\', 'a', 0x7F, 0x80, 0xAF, 0xBF, 0xC0, 0xC1, 0xC2, 0xD8, 0xD9, 0xDF, 0xE0, 0xE2, 0xEF, 0xF0, 0xF4, 0xFF}
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"زار", " ", "الرئيس", "،", "é", "a", "\"", "\\", "\n", "\u2028", "😀", "\x00", "\xc0\x80", "\xc1\xbf", "\xd8"}
	for n := 0; n < 200000; n++ {
		s := make([]byte, rng.IntN(40))
		for i := range s {
			s[i] = edges[rng.IntN(len(edges))]
			if rng.IntN(2) == 0 {
				s[i] = "زار الرئيس"[rng.IntN(len("زار الرئيس"))]
			}
		}
		if n%2 == 1 { // whole characters, mostly Arabic, now and then one to escape
			s = s[:0]
			for len(s) < 40 {
				w := words[rng.IntN(3)]
				if rng.IntN(8) == 0 {
					w = words[rng.IntN(len(words))]
				}
				s = append(s, w...)
			}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(string(s))
		var o jsonOut
		o.str(string(s))
		if string(o.b)+"\n" != want.String() {
			t.Fatalf("str(%q) = %s, want %s", s, o.b, want.String())
		}
	}
}
