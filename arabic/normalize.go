// Package arabic is the first stage of khatt's extractor: it folds Arabic
// text for matching, and splits it into tokens, sentences and clauses, each
// with byte offsets into the original text. It knows nothing about events,
// dates or terminals.
package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds Arabic text for matching, never for display: it drops
// harakat, tatweel and invisible marks, folds alef/hamza forms (أ إ آ ٱ →
// ا, ؤ → و, ئ → ي), ى → ي, ة → ه, Persian letters to Arabic ones, presentation
// forms to their letters, Arabic-Indic and Persian digits to ASCII, and
// lower-cases Latin. Runs of alef collapse to one, so قاآني, قآاني, قآني and
// قأني all become قاني.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	for _, r := range s {
		if r >= 0xFB50 && r <= 0xFEFF {
			// Presentation forms (ﻷ, ﺍ …) fold to their letters first.
			for _, x := range presentation(r) {
				x = foldRune(x)
				if x == 0 || (x == 'ا' && last == 'ا') {
					continue
				}
				b.WriteRune(x)
				last = x
			}
			continue
		}
		r = foldRune(r)
		if r == 0 || (r == 'ا' && last == 'ا') {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// foldRune maps one rune to its matching form, or 0 to drop it.
func foldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, // harakat, dagger alef, tatweel
		r >= 0x06D6 && r <= 0x06ED,              // Quranic marks
		r >= 0x200B && r <= 0x200F, r == 0xFEFF, // zero-width, LRM/RLM, BOM
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // bidi embeddings and isolates
		return 0
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ', r == 'ٲ', r == 'ٳ':
		return 'ا'
	case r == 'ؤ':
		return 'و'
	case r == 'ئ', r == 'ى', r == 'ی', r == 'ې':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ک', r == 'گ':
		return 'ك'
	case r == 'ڤ':
		return 'ف'
	case r == 'پ':
		return 'ب'
	case r == 'چ':
		return 'ج'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	}
	return unicode.ToLower(r)
}

// presentation maps an Arabic presentation form (U+FB50–U+FEFF) to the
// letters it draws: ﻷ is لأ. Forms it does not know map to themselves.
func presentation(r rune) []rune {
	switch {
	case r >= 0xFEF5 && r <= 0xFEFC: // lam-alef ligatures
		alef := []rune{'آ', 'آ', 'أ', 'أ', 'إ', 'إ', 'ا', 'ا'}[r-0xFEF5]
		return []rune{'ل', alef}
	case r >= 0xFE80 && r <= 0xFEF4:
		if l, ok := formLetters[r]; ok {
			return []rune{l}
		}
	}
	return []rune{r}
}

// formLetters maps the isolated, final, initial and medial forms of the
// basic letters (U+FE80–U+FEF4) back to their letters.
var formLetters = func() map[rune]rune {
	// Each letter's forms in block order, with how many forms it has.
	letters := []struct {
		r rune
		n int
	}{{'ء', 1}, {'آ', 2}, {'أ', 2}, {'ؤ', 2}, {'إ', 2}, {'ئ', 4}, {'ا', 2}, {'ب', 4}, {'ة', 2}, {'ت', 4},
		{'ث', 4}, {'ج', 4}, {'ح', 4}, {'خ', 4}, {'د', 2}, {'ذ', 2}, {'ر', 2}, {'ز', 2}, {'س', 4}, {'ش', 4},
		{'ص', 4}, {'ض', 4}, {'ط', 4}, {'ظ', 4}, {'ع', 4}, {'غ', 4}, {'ف', 4}, {'ق', 4}, {'ك', 4}, {'ل', 4},
		{'م', 4}, {'ن', 4}, {'ه', 4}, {'و', 2}, {'ى', 2}, {'ي', 4}}
	m := map[rune]rune{}
	at := rune(0xFE80)
	for _, l := range letters {
		for k := 0; k < l.n; k++ {
			m[at] = l.r
			at++
		}
	}
	return m
}()

// IsWordRune reports whether r belongs inside a word: letters, digits,
// combining marks (harakat) and tatweel.
func IsWordRune(r rune) bool {
	switch {
	case r < 0x80: // ASCII: letters and digits only
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0x0621 && r <= 0x064A: // Arabic letters
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
}

// StripMarks removes harakat and tatweel only, keeping hamza forms and ى:
// "على" stays apart from "علي".
func StripMarks(s string) string {
	if !hasMark(s) {
		return s // most words carry none
	}
	var b strings.Builder
	for _, r := range s {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// hasMark reports whether s holds a mark StripMarks removes: each is
// encoded as 0xD9 and a second byte (U+0640, U+064B-U+065F, U+0670).
func hasMark(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xD9 {
			if b := s[i+1]; b >= 0x8B && b <= 0x9F || b == 0xB0 || b == 0x80 {
				return true
			}
		}
	}
	return false
}

// Fold normalises a whole phrase for search: Normalize, then each word
// reduced to its shortest clitic-free form (the same reduction on both
// sides of a comparison), joined by single spaces, so that "بالكاظمي" and
// "الكاظمي" find each other.
func Fold(s string) string {
	words := strings.FieldsFunc(Normalize(s), func(r rune) bool { return !IsWordRune(r) })
	for i, w := range words {
		words[i] = shortest(Analyse(w))
	}
	return strings.Join(words, " ")
}

func shortest(as []Analysis) string {
	best := as[0].Stem
	for _, a := range as[1:] {
		if len(a.Stem) < len(best) {
			best = a.Stem
		}
	}
	return best
}

// Skeleton reduces a normalised name to its consonants for matching
// transliterated foreign names across outlets: long vowels (ا و ي) after
// the first letter go, doubled letters collapse. بيرللو and بيرييلو are
// both برل, ترمب and ترامب both ترمب. Use it only beside other evidence (a
// shared first name, title or event): short skeletons collide.
func Skeleton(norm string) string {
	var b strings.Builder
	var last rune
	first := true
	for _, r := range norm {
		if !first && (r == 'ا' || r == 'و' || r == 'ي') {
			continue
		}
		if r == last {
			continue
		}
		if r == ' ' {
			first = true
			last = r
			b.WriteRune(r)
			continue
		}
		first = false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// RuneLen is the number of runes in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Shorter reports whether s has fewer than n characters, counting no
// further than it must (a long span is known long by its bytes).
func Shorter(s string, n int) bool {
	if len(s) >= n*utf8.UTFMax {
		return false
	}
	return utf8.RuneCountInString(s) < n
}
