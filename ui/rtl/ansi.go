package rtl

import (
	"strings"
	"unicode/utf8"
)

// ANSILine applies the bidi step to a line that already carries SGR escape
// sequences (glamour's output): each rune keeps the graphic rendition that
// was in force where it stood, the runes are shaped and reordered, and the
// result is padded to width cells, wrapped if it is wider. Other escape
// sequences are dropped. dir is the direction of the paragraph the line
// belongs to (Auto: the line's own first strong letter's).
func (l *Layouter) ANSILine(line string, width int, dir Direction, m Mode) []string {
	var text []rune
	var sgr []string // the SGR state before each rune
	state := ""
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			seq, n := escape(line[i:])
			if strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") {
				if seq == "\x1b[0m" || seq == "\x1b[m" {
					state = ""
				} else {
					state += seq
				}
			}
			i += n
			continue
		}
		r, n := decodeRune(line[i:])
		i += n
		if m.StripMarks && isHaraka(r) {
			continue
		}
		text = append(text, r)
		sgr = append(sgr, state)
	}
	// Trailing padding spaces belong to no paragraph.
	for len(text) > 0 && text[len(text)-1] == ' ' {
		text, sgr = text[:len(text)-1], sgr[:len(sgr)-1]
	}
	// Styles are numbered by first appearance so that the span machinery
	// can carry them.
	ids := map[string]int{}
	var names []string
	spans := make([]Span, 0, len(text))
	for i, r := range text {
		id, ok := ids[sgr[i]]
		if !ok {
			id = len(names)
			ids[sgr[i]] = id
			names = append(names, sgr[i])
		}
		spans = append(spans, Span{Text: string(r), Style: id})
	}
	paint := func(style int, s string) string {
		if names[style] == "" {
			return s
		}
		return names[style] + s + "\x1b[0m"
	}
	return l.Paragraph(spans, max(width, 1), dir, m, paint)
}

// escape returns the escape sequence at the start of s and its length.
func escape(s string) (string, int) {
	if len(s) < 2 {
		return s, len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters, then a final byte in @–~
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return s[:i+1], i + 1
			}
		}
	case ']': // OSC: up to BEL or ST
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return s[:i+1], i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return s[:i+2], i + 2
			}
		}
	default:
		return s[:2], 2
	}
	return s, len(s)
}

func decodeRune(s string) (rune, int) {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return 0, len(s)
	}
	return r, n
}
