package rtl

import (
	"strings"
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// Isolates. The bidi algorithm, left alone, splits a date that follows
// Arabic letters into numbers ordered right to left ("2020-06" drawn
// "06-2020": W2 turns its digits into Arabic numbers, which a hyphen does
// not join), sends a path's slash to the other end ("Kadhimi/") and lets a
// colon take the side of the Arabic word after it. Readers expect such a
// run to read the same wherever it stands, so before the analysis every
// left-to-right run (Latin letters, digits and what joins them: - / : . _
// + @ ~ # , ') is wrapped in LRI … PDI, and a span the caller marks
// Isolate (typed input) in FSI … PDI, taking its own direction. The marks
// are the app's own: an article's bidi controls are dropped before this
// step and these are never drawn.

const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

// ltrRunStart reports whether r begins a left-to-right run: a strong
// left-to-right letter or a digit.
// Arabic-Indic digits are not: in Arabic text a date written in them reads
// right to left, number by number, as the bidi algorithm has it.
func ltrRunStart(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	return r < 0x590 && unicode.IsLetter(r) || class(r) == xbidi.L && unicode.IsLetter(r)
}

// joiner is punctuation that stays inside a run when a run character
// follows it.
func joiner(r rune) bool {
	switch r {
	case '-', '/', ':', '.', '_', '+', '@', '~', '#', ',', '\'', '\u2010', '\u2011', '\u2013':
		return true
	}
	return false
}

// trailer is punctuation that ends a run and belongs to it even with no
// run character after it: a directory's slash. (A colon or a full stop
// after a run belongs to the sentence, whose direction places it.)
func trailer(r rune) bool { return r == '/' }

// leader is punctuation that starts a run when a run character follows it
// (a path's slash, a sign, a dot file).
func leader(r rune) bool {
	return r == '/' || r == '~' || r == '-' || r == '+' || r == '.' || r == '#' || r == '@'
}

// isolate returns text and styles with LRI … PDI around its left-to-right
// runs and FSI … PDI around spans marked in whole; the marks take the
// style of the rune they stand beside.
func isolate(text []rune, styles []int, whole []bool) ([]rune, []int) {
	out := make([]rune, 0, len(text)+8)
	outStyles := make([]int, 0, len(text)+8)
	add := func(r rune, st int) {
		out = append(out, r)
		outStyles = append(outStyles, st)
	}
	for i := 0; i < len(text); {
		if whole[i] {
			j := i
			for j < len(text) && whole[j] {
				j++
			}
			// The span's own first letter decides its direction; FSI alone
			// would skip the runs isolated inside it.
			open := fsi
			switch FirstStrong(text[i:j]) {
			case LTR:
				open = lri
			case RTL:
				open = rli
			}
			add(open, styles[i])
			inner, innerStyles := isolate(text[i:j], styles[i:j], make([]bool, j-i))
			out = append(out, inner...)
			outStyles = append(outStyles, innerStyles...)
			add(pdi, styles[j-1])
			i = j
			continue
		}
		start := i
		if i == 0 || unicode.IsSpace(text[i-1]) || strings.ContainsRune("([{«\"'", text[i-1]) {
			j := i
			for j < len(text) && !whole[j] && leader(text[j]) {
				j++
			}
			if j > i && j < len(text) && !whole[j] && ltrRunStart(text[j]) {
				i = j
			}
		}
		if !ltrRunStart(text[i]) {
			add(text[start], styles[start])
			i = start + 1
			continue
		}
		end := i
		for end < len(text) && !whole[end] {
			r := text[end]
			switch {
			case ltrRunStart(r) || isMark(r):
				end++
				continue
			case joiner(r) && end+1 < len(text) && !whole[end+1] && ltrRunStart(text[end+1]):
				end++
				continue
			case trailer(r):
				end++
			}
			break
		}
		add(lri, styles[start])
		out = append(out, text[start:end]...)
		outStyles = append(outStyles, styles[start:end]...)
		add(pdi, styles[end-1])
		i = end
	}
	return out, outStyles
}

// ourMark reports whether r is one of the isolate marks; after isolate,
// every one in the text is the app's.
func ourMark(r rune) bool { return r >= lri && r <= pdi }

// balanceIsolates drops the closing marks of isolates a line did not open
// (they opened on the line before) and closes the ones it leaves open.
func balanceIsolates(vis []rune, styles []int) ([]rune, []int) {
	out, outStyles := vis[:0:0], styles[:0:0]
	open := 0
	for i, r := range vis {
		switch {
		case r >= lri && r <= fsi:
			open++
		case r == pdi && open == 0:
			continue
		case r == pdi:
			open--
		}
		out = append(out, r)
		outStyles = append(outStyles, styles[i])
	}
	for ; open > 0; open-- {
		out = append(out, pdi)
		outStyles = append(outStyles, outStyles[len(outStyles)-1])
	}
	return out, outStyles
}
