package rtl

// Shape replaces Arabic letters by their contextual presentation forms
// (isolated, final, initial, medial) from Arabic Presentation Forms-B (and
// -A for the Persian letters), for terminals that draw each letter alone.
// It works on logical order and changes runes one for one, so offsets and
// styles still line up. Lam-alef ligatures are not made: they would turn two
// cells into one (VTE and Konsole avoid them for the same reason). Harakat
// are transparent to joining and stay as zero-width marks unless stripMarks
// is set.
func Shape(text []rune, stripMarks bool) []rune {
	out := make([]rune, 0, len(text))
	for i, r := range text {
		if stripMarks && isHaraka(r) {
			continue
		}
		f, ok := forms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev, next := neighbour(text, i, -1), neighbour(text, i, 1)
		joinPrev := joinsForward(prev)
		joinNext := f.dual && joinsBackward(next)
		switch {
		case joinPrev && joinNext:
			out = append(out, f.medial)
		case joinPrev:
			out = append(out, f.final)
		case joinNext:
			out = append(out, f.initial)
		default:
			out = append(out, f.isolated)
		}
	}
	return out
}

// neighbour is the nearest rune in direction step that is not transparent
// (a haraka), or 0.
func neighbour(text []rune, i, step int) rune {
	for j := i + step; j >= 0 && j < len(text); j += step {
		if !isMark(text[j]) {
			return text[j]
		}
	}
	return 0
}

// joinsForward reports whether r connects to the letter after it.
func joinsForward(r rune) bool {
	if r == tatweel || r == zwj {
		return true
	}
	f, ok := forms[r]
	return ok && f.dual
}

// joinsBackward reports whether r connects to the letter before it.
func joinsBackward(r rune) bool {
	if r == tatweel || r == zwj {
		return true
	}
	_, ok := forms[r]
	return ok
}

const (
	tatweel = 'ـ'
	zwj     = '\u200d'
)

func isHaraka(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

type letterForms struct {
	isolated, final, initial, medial rune
	dual                             bool // joins on both sides; else only to the letter before
}

// forms maps each joining Arabic letter to its presentation forms.
var forms = func() map[rune]letterForms {
	m := map[rune]letterForms{}
	right := func(r, iso rune) { m[r] = letterForms{iso, iso + 1, iso, iso + 1, false} }
	dual := func(r, iso rune) { m[r] = letterForms{iso, iso + 1, iso + 2, iso + 3, true} }
	right('آ', 0xFE81)
	right('أ', 0xFE83)
	right('ؤ', 0xFE85)
	right('إ', 0xFE87)
	dual('ئ', 0xFE89)
	right('ا', 0xFE8D)
	dual('ب', 0xFE8F)
	right('ة', 0xFE93)
	for i, r := range []rune("تثجحخ") {
		dual(r, 0xFE95+rune(4*i))
	}
	right('د', 0xFEA9)
	right('ذ', 0xFEAB)
	right('ر', 0xFEAD)
	right('ز', 0xFEAF)
	for i, r := range []rune("سشصضطظعغ") {
		dual(r, 0xFEB1+rune(4*i))
	}
	for i, r := range []rune("فقكلمنه") {
		dual(r, 0xFED1+rune(4*i))
	}
	right('و', 0xFEED)
	right('ى', 0xFEEF)
	dual('ي', 0xFEF1)
	// Persian and Urdu letters, from Presentation Forms-A.
	right('ٱ', 0xFB50)
	dual('پ', 0xFB56)
	dual('چ', 0xFB7A)
	right('ژ', 0xFB8A)
	dual('ک', 0xFB8E)
	dual('گ', 0xFB92)
	dual('ی', 0xFBFC)
	return m
}()
