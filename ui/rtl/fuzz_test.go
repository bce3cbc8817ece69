package rtl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParagraph: for any text, styles and width, every drawn line takes
// exactly the width asked (never more), and no control character or bidi
// override reaches it, in every mode.
func FuzzParagraph(f *testing.F) {
	f.Add("قال الرئيس «جو بايدن» في 26/7/2021: \"نعم\".", 40, uint8(3))
	f.Add("👨\u200d👩\u200d👧 عائلة", 1, uint8(1))
	f.Add("a\u202eb\x1b[2Jc\u0085d", 3, uint8(0))
	f.Add(strings.Repeat("世", 30), 1, uint8(7))
	f.Fuzz(func(t *testing.T, text string, width int, mode uint8) {
		if !utf8.ValidString(text) || width < 1 || width > 300 || len(text) > 4000 {
			return
		}
		m := Mode{Reorder: mode&1 != 0, Shape: mode&2 != 0, StripMarks: mode&4 != 0, Isolate: mode&8 != 0, KittyWords: mode&16 != 0,
			Marks: mode&32 != 0, Embed: mode&64 != 0, PreMirror: mode&128 != 0}
		var l Layouter
		paint := func(_ int, s string) string { return s }
		for _, dir := range []Direction{RTL, LTR, Auto} {
			half := len(text) / 2
			for half > 0 && !utf8.RuneStart(text[half]) {
				half--
			}
			for i, line := range l.Paragraph([]Span{{Text: text[:half]}, {Text: text[half:], Isolate: true}}, width, dir, m, paint) {
				rs := []rune(line)
				for _, r := range rs {
					ours := m.Embed && !m.Reorder && r >= 0x2066 && r <= 0x2069 // the isolates sent to Konsole and VTE
					if r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 && !ours {
						t.Fatalf("line %d carries %U", i, r)
					}
				}
				if m.Embed && !m.Reorder {
					opens, closes := 0, 0
					for _, r := range rs {
						switch {
						case r >= 0x2066 && r <= 0x2068:
							opens++
						case r == 0x2069:
							closes++
						}
					}
					if opens != closes {
						t.Fatalf("line %d: %d isolates opened, %d closed: %q", i, opens, closes, line)
					}
				}
				if w := Width(rs); w > width || (m.Reorder && w != width) {
					t.Fatalf("line %d is %d cells wide, asked %d (mode %+v): %q", i, w, width, m, line)
				}
			}
		}
	})
}

// FuzzANSILine: lines with escape sequences come out no wider than asked,
// with no escape sequence but the SGR ones they carried.
func FuzzANSILine(f *testing.F) {
	f.Add("\x1b[1mعنوان\x1b[0m كلام", 20)
	f.Add("\x1b]52;c;AAAA\x07x\x1b[2J", 5)
	f.Fuzz(func(t *testing.T, line string, width int) {
		if !utf8.ValidString(line) || width < 1 || width > 300 || len(line) > 4000 {
			return
		}
		var l Layouter
		for _, out := range l.ANSILine(line, width, Auto, Mode{Reorder: true, Shape: true}) {
			plain := stripSGR(out)
			if strings.ContainsRune(plain, 0x1b) {
				t.Fatalf("an escape other than SGR survives: %q", out)
			}
			if w := Width([]rune(plain)); w > width {
				t.Fatalf("%d cells, asked %d: %q", w, width, out)
			}
		}
	})
}

func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
