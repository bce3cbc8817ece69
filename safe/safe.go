// Package safe keeps hostile bytes away from terminals: the control
// characters an article, a file name or a client may carry (ESC, BEL, the
// C1 controls that start escape sequences on some terminals) never reach
// any output as themselves.
//
// Policy: every C0 control but newline, DEL and every C1 control are
// blanked in article text (one space per byte, so that byte offsets into
// the file stay exact) and shown as visible symbols (␛, ␇, …) in names and
// messages. Tab becomes a space in text. Explicit bidi controls (LRE, RLE,
// PDF, LRO, RLO, LRI, RLI, FSI, PDI) stay in the data and in exports, but
// are dropped before khatt's own right-to-left step draws a line (see
// StripBidi): a terminal line's order is khatt's to decide, and an
// article's overrides could otherwise spoof it.
package safe

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is a control character khatt never writes
// as itself: C0 but newline, DEL, C1.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// HasControl reports whether UTF-8 text holds a control character Blank
// replaces: a byte scan, for it runs over every article read (decoding
// runes to ask IsControl of each took a twentieth of reading a corpus).
func HasControl(b []byte) bool {
	for i, c := range b {
		switch {
		case c >= 0x20 && c != 0x7f && c != 0xc2:
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			return true
		case i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f: // c == 0xc2: C1
			return true
		}
	}
	return false
}

// Blank replaces, in place, every control byte sequence of UTF-8 text with
// spaces of the same length: a C0 control, tab or DEL with one space, a
// C1 control (two bytes) with two. Newlines stay. Offsets are unchanged.
func Blank(b []byte) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			b[i] = ' '
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			b[i], b[i+1] = ' ', ' '
			i++
		}
	}
}

// Text returns s with every control character shown as a visible symbol:
// the Control Pictures for C0 and DEL (␛ for ESC, ␉ for tab), � for C1.
// Newlines are kept unless oneLine.
func Text(s string, oneLine bool) string {
	clean := true
	for _, r := range s {
		if IsControl(r) && r != '\n' || oneLine && r == '\n' || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && !oneLine:
			b.WriteRune(r)
		case r == '\n':
			b.WriteRune('␤')
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r <= 0x9f || r == utf8.RuneError:
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Line is Text for one line of a message: newlines shown too, and at most
// max runes (the rest cut with an ellipsis).
func Line(s string, max int) string {
	s = Text(s, true)
	if max > 0 && utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return s
}

// IsBidiControl reports whether r is an explicit embedding, override or
// isolate control.
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// StripBidi drops the explicit embedding, override and isolate controls.
func StripBidi(s string) string {
	if !strings.ContainsFunc(s, IsBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}
