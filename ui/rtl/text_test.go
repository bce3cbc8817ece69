package rtl

import (
	"strings"
	"testing"
)

func plain(_ int, s string) string { return s }

var app = Mode{Reorder: true}

func TestParagraphRightAlignsAndReorders(t *testing.T) {
	var l Layouter
	got := l.Paragraph([]Span{{Text: "زار بايدن بغداد"}}, 20, Auto, app, plain)
	if len(got) != 1 {
		t.Fatalf("%d lines", len(got))
	}
	want := "     دادغب ندياب راز"
	if got[0] != want {
		t.Errorf("got %q, want %q", got[0], want)
	}
}

func TestMixedTextComesOutRight(t *testing.T) {
	var l Layouter
	for _, tc := range []struct{ in, want string }{
		// Latin names and numbers keep their own order inside Arabic.
		{"قال Joe Biden إن 2500 جندي", "يدنج 2500 نإ Joe Biden لاق"},
		{"في 26/7/2021 وصل", "لصو 26/7/2021 يف"},
		{"النسبة 3.5% فقط", "طقف %3.5 ةبسنلا"}, // as fribidi draws it
		// Brackets and guillemets are mirrored (L4).
		{"قائد «فيلق القدس» (إيران)", "(ناريإ) «سدقلا قليف» دئاق"},
	} {
		got := strings.TrimLeft(l.Paragraph([]Span{{Text: tc.in}}, 60, Auto, app, plain)[0], " ")
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStylesStayWithTheirCharacters(t *testing.T) {
	var l Layouter
	paint := func(st int, s string) string {
		if st == 1 {
			return "[" + s + "]"
		}
		return s
	}
	got := l.Paragraph([]Span{{Text: "زار "}, {Text: "بايدن", Style: 1}, {Text: " بغداد"}}, 15, Auto, app, paint)[0]
	if got != "دادغب [ندياب] راز" {
		t.Errorf("got %q", got)
	}
}

func TestHarakatStayAfterTheirLetter(t *testing.T) {
	var l Layouter
	got := strings.TrimSpace(l.Paragraph([]Span{{Text: "كَتَبَ"}}, 10, Auto, app, plain)[0])
	if got != "بَتَكَ" {
		t.Errorf("got %q %U, want marks after their letters", got, []rune(got))
	}
	got = strings.TrimSpace(l.Paragraph([]Span{{Text: "كَتَبَ"}}, 10, Auto, Mode{Reorder: true, StripMarks: true}, plain)[0])
	if got != "بتك" {
		t.Errorf("stripped: got %q", got)
	}
}

func TestWrapNeverSplitsWords(t *testing.T) {
	var l Layouter
	lines := l.Paragraph([]Span{{Text: "وصل متزعم فيلق القدس الإيراني إسماعيل قاآني إلى العاصمة العراقية بغداد"}}, 16, Auto, Mode{}, plain)
	for _, ln := range lines {
		// In terminal mode an RLM opens the line and takes the place of one
		// padding cell (some terminals draw it in a cell of its own).
		if Width([]rune(ln)) != 16 && !(strings.HasPrefix(ln, "\u200f") && Width([]rune(ln)) == 15) {
			t.Errorf("line %q is %d cells wide", ln, Width([]rune(ln)))
		}
		for _, w := range strings.Fields(strings.TrimPrefix(ln, "\u200f")) {
			if !strings.Contains("وصل متزعم فيلق القدس الإيراني إسماعيل قاآني إلى العاصمة العراقية بغداد", w) {
				t.Errorf("word %q was split", w)
			}
		}
	}
	if len(lines) < 4 {
		t.Errorf("%d lines", len(lines))
	}
}

func TestLTRParagraphWithArabicName(t *testing.T) {
	var l Layouter
	got := strings.TrimRight(l.Paragraph([]Span{{Text: "Visit by قاآني 2021 (Baghdad)"}}, 40, Auto, app, plain)[0], " ")
	if got != "Visit by 2021 ينآاق (Baghdad)" {
		t.Errorf("got %q", got)
	}
}

func TestShapeForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"بغداد", "\ufe91\ufed0\ufeaa\ufe8d\ufea9"}, // alef and dal join only backwards
		{"لا", "\ufedf\ufe8e"},                      // no lam-alef ligature: two cells stay two
		{"ء", "ء"},                                  // hamza does not join
		{"كَتَبَ", "\ufedbَ\ufe98َ\ufe90َ"},         // harakat are transparent
		{"Biden", "Biden"},
	} {
		if got := string(Shape([]rune(tc.in), false)); got != tc.want {
			t.Errorf("Shape(%q) = %U, want %U", tc.in, []rune(got), []rune(tc.want))
		}
	}
	if n := len([]rune(string(Shape([]rune("لا إله"), false)))); n != 6 {
		t.Errorf("shaping changed the rune count to %d", n)
	}
}

func TestANSILineKeepsStyles(t *testing.T) {
	var l Layouter
	line := "  \x1b[1mزار\x1b[0m بايدن \x1b[31mبغداد\x1b[0m   "
	got := l.ANSILine(line, 20, Auto, app)[0]
	want := "   \x1b[31mدادغب\x1b[0m ندياب \x1b[1mراز\x1b[0m  "
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestTerminalModeMarksRTLLines(t *testing.T) {
	var l Layouter
	got := l.Paragraph([]Span{{Text: "2021 زار بايدن"}}, 20, Auto, Mode{}, plain)[0]
	if got != "\u200f2021 زار بايدن     " {
		t.Errorf("terminal mode: %q, want logical order after an RLM, padded", got)
	}
}

// Every line is exactly as wide as asked: a two-cell character never goes
// into a one-cell line, and an emoji family is drawn as the emoji each
// terminal draws (its joiners dropped), counted as such.
func TestWidthEdgeCases(t *testing.T) {
	var l Layouter
	paint := func(_ int, s string) string { return s }
	for _, c := range []struct {
		text  string
		width int
	}{
		{"世界", 1}, {"👨\u200d👩\u200d👧 عائلة", 4}, {"a\u202eبطاقة\u202c", 6}, {"☺\ufe0f x", 3}, {"👍🏽", 2},
	} {
		for _, m := range []Mode{{Reorder: true, Shape: true}, {}} {
			for _, line := range l.Paragraph([]Span{{Text: c.text}}, c.width, RTL, m, paint) {
				rs := []rune(line)
				if w := Width(rs); w > c.width || m.Reorder && w != c.width {
					t.Errorf("%q at %d (%+v): a line of %d cells: %q", c.text, c.width, m, w, line)
				}
				for _, r := range rs {
					if r == 0x200d || r == 0x202e || r == 0xfe0f || r == 0x1f3fd {
						t.Errorf("%q: %U drawn", c.text, r)
					}
				}
			}
		}
	}
}

// iso is app mode with left-to-right runs isolated, as the reader draws.
var iso = Mode{Reorder: true, Isolate: true}

func TestIsolatedRunsReadTheSameEverywhere(t *testing.T) {
	var l Layouter
	for _, tc := range []struct{ in, want string }{
		// After Arabic letters the algorithm alone draws a date "06-2020".
		{"التاريخ: 2020-06", "2020-06 :خيراتلا"},
		{"منفذ · 2021-07-28 · 003", "003 · 2021-07-28 · ذفنم"},
		{"بين 2021-07-21 و2021-07-28", "2021-07-28و 2021-07-21 نيب"},
		// A path keeps its slashes where they are; a search echo its slash.
		{"مصادر · ~/articles/ · /Kadhimi", "/Kadhimi · ~/articles/ · رداصم"},
		{"الساعة 10:30 مساء", "ءاسم 10:30 ةعاسلا"},
		// Punctuation after a run belongs to the sentence.
		{"عام 2021: بدأ", "أدب :2021 ماع"},
		{"أصيب بـCOVID-19.", ".COVID-19ـب بيصأ"},
		// Arabic-Indic digits read number by number, as the algorithm has it.
		{"في ٢٠٢١-٠٧-٢٨", "٢٨-٠٧-٢٠٢١ يف"},
		// A symbol before a slash is no path: "↓/j" is two keys.
		{"↓/j أسفل", "لفسأ j/↓"},
	} {
		got := strings.TrimLeft(l.Paragraph([]Span{{Text: tc.in}}, 40, RTL, iso, plain)[0], " ")
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	// Without isolation the same date comes out as the algorithm draws it.
	if got := strings.TrimLeft(l.Paragraph([]Span{{Text: "التاريخ: 2020-06"}}, 40, RTL, app, plain)[0], " "); got != "06-2020 :خيراتلا" {
		t.Errorf("without isolation: %q", got)
	}
}

func TestIsolatedSpanTakesItsOwnDirection(t *testing.T) {
	var l Layouter
	line := func(dir Direction, spans ...Span) string {
		return strings.TrimSpace(l.Paragraph(spans, 50, dir, iso, plain)[0])
	}
	// A filter typed in Latin with an Arabic name reads as typed inside a
	// right-to-left status line.
	if got := line(RTL, Span{Text: "فلتر: "}, Span{Text: "type:visit actor:قاآني", Isolate: true}); got != "type:visit actor:ينآاق :رتلف" {
		t.Errorf("Latin filter: %q", got)
	}
	if got := line(RTL, Span{Text: "فلتر: "}, Span{Text: "نوع:زيارة", Isolate: true}); got != "ةرايز:عون :رتلف" {
		t.Errorf("Arabic filter: %q", got)
	}
	// An Arabic search in an English interface.
	if got := line(LTR, Span{Text: "Search: "}, Span{Text: "قاآني 2021", Isolate: true}); got != "Search: 2021 ينآاق" {
		t.Errorf("Arabic search: %q", got)
	}
	// Three spans of one input (the cursor's cell among them) are one isolate.
	if got := line(RTL, Span{Text: "بحث: "}, Span{Text: "Kad", Isolate: true}, Span{Text: "h", Style: 1, Isolate: true}, Span{Text: "imi", Isolate: true}); got != "Kadhimi :ثحب" {
		t.Errorf("split input: %q", got)
	}
}

func TestWrappedLinesKeepTheParagraphDirection(t *testing.T) {
	var l Layouter
	// A line of a right-to-left paragraph with no letter of its own stays
	// right to left: right-aligned, its parts in right-to-left order.
	lines := l.Paragraph([]Span{{Text: "تاريخ نشر 004 (2020-08-18)"}}, 18, Auto, iso, plain)
	if len(lines) != 2 || lines[1] != "      (2020-08-18)" {
		t.Fatalf("wrapped: %q", lines)
	}
	if got := l.ANSILine("004 (2020-08-18)", 20, RTL, iso)[0]; got != "    (2020-08-18) 004" {
		t.Errorf("a line of a right-to-left paragraph: %q", got)
	}
	if got := l.ANSILine("004 (2020-08-18)", 20, LTR, iso)[0]; got != "004 (2020-08-18)    " {
		t.Errorf("a line of a left-to-right paragraph: %q", got)
	}
}

// TestKonsoleModeIsolatesAndMirrors: for a terminal that lays rows out
// left to right and honours isolates, a right-to-left line goes out in
// logical order inside RLI … PDI, right-aligned, its dates in LRI … PDI;
// for Konsole, which reverses without mirroring, the brackets it will
// reverse are mirrored beforehand; lam and alef get a ZWJ between them.
func TestKonsoleModeIsolatesAndMirrors(t *testing.T) {
	var l Layouter
	konsole := Mode{Embed: true, PreMirror: true}
	got := l.Paragraph([]Span{{Text: "قال (أ ف ب) في 2020-08-16"}}, 40, RTL, konsole, plain)[0]
	want := strings.Repeat(" ", 15) + "\u2067قال )أ ف ب( في \u20662020-08-16\u2069\u2069"
	if got != want {
		t.Errorf("Konsole:\n got %q\nwant %q", got, want)
	}
	if w := Width([]rune(got)); w != 40 {
		t.Errorf("%d cells, want 40", w)
	}
	vte := Mode{Embed: true}
	if got := l.Paragraph([]Span{{Text: "(خلال)"}}, 10, RTL, vte, plain)[0]; got != "    \u2067(خل\u200dال)\u2069" {
		t.Errorf("VTE: %q", got)
	}
	// A line cut inside an isolate closes it; the next line's closing
	// mark without an opening is dropped.
	lines := l.Paragraph([]Span{{Text: "مصادر ~/articles/one/two/three"}}, 12, RTL, vte, plain)
	for _, line := range lines {
		opens := strings.Count(line, "\u2066") + strings.Count(line, "\u2067") + strings.Count(line, "\u2068")
		if closes := strings.Count(line, "\u2069"); opens != closes {
			t.Errorf("unbalanced isolates in %q", line)
		}
	}
}

// TestTerminalModeMarksNumbers: for a terminal that reorders by itself an
// LRM before a number keeps "2020-06" from being drawn "06-2020".
func TestTerminalModeMarksNumbers(t *testing.T) {
	var l Layouter
	got := l.Paragraph([]Span{{Text: "التاريخ: 2020-06 و3"}}, 30, RTL, Mode{Marks: true}, plain)[0]
	if !strings.HasPrefix(got, "\u200fالتاريخ: \u200e2020-06 و\u200e3") {
		t.Errorf("%q", got)
	}
}

// TestDatesAreNotBrokenAtTheirHyphens: a date wraps whole (UAX 14 allows a
// break after its hyphens).
func TestDatesAreNotBrokenAtTheirHyphens(t *testing.T) {
	var l Layouter
	for _, w := range []int{10, 12, 15, 20} { // narrower than a date, it must be cut
		for _, line := range l.Wrap("التاريخ: 2020-06-30 ثم 1-3 تموز", w) {
			if strings.HasSuffix(line, "-") {
				t.Errorf("width %d: a line ends in a hyphen: %q", w, line)
			}
		}
	}
}
