package timeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds Arabic text for matching, never for display: it drops
// harakat and tatweel, folds alef/hamza forms (أ إ آ ٱ → ا, ؤ → و, ئ → ي),
// ى → ي, ة → ه, Persian ک/ی/گ to their Arabic letters, Arabic-Indic and
// Persian digits to ASCII, and lower-cases Latin. Runs of alef collapse to
// one, so قاآني, قآاني, قآني and قأني all become قاني.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	for _, r := range s {
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
		r >= 0x06D6 && r <= 0x06ED,                                      // Quranic marks
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF: // ZWNJ/ZWJ, LRM/RLM, BOM
		return 0
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ', r == 'ٲ', r == 'ٳ':
		return 'ا'
	case r == 'ؤ':
		return 'و'
	case r == 'ئ', r == 'ى', r == 'ی', r == 'ې':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ک':
		return 'ك'
	case r == 'گ':
		return 'ك'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r < utf8.RuneSelf:
		return unicode.ToLower(r)
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r belongs inside a word: letters, digits,
// combining marks (harakat) and tatweel.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
}

// proclitics that may be glued to the front of an Arabic word, in the order
// they stack: conjunction, then preposition, then the article.
var (
	conjunctions = []string{"و", "ف"}
	prepositions = []string{"ب", "ل", "ك"}
)

// suffixes that may be glued to a trigger word: pronouns, plural and dual
// endings, the feminine ت of verbs.
var suffixes = []string{"هما", "هم", "ها", "ه", "وا", "ون", "ين", "ان", "ات", "ت", "نا", "ا"}

// cliticForms returns the normalised word and every form obtained by
// removing proclitics (و ف, then ب ل ك, then ال or لل), never leaving fewer
// than two letters. The first form is the word itself.
func cliticForms(w string) []string {
	forms := []string{w}
	add := func(s string) {
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		for _, f := range forms {
			if f == s {
				return
			}
		}
		forms = append(forms, s)
	}
	stage := []string{w}
	for _, c := range conjunctions {
		if rest, ok := strings.CutPrefix(w, c); ok {
			add(rest)
			stage = append(stage, rest)
		}
	}
	var next []string
	for _, s := range stage {
		next = append(next, s)
		if rest, ok := strings.CutPrefix(s, "لل"); ok {
			// لل is ل + ال with the alef dropped: للكاظمي is ل + الكاظمي.
			add("ال" + rest)
			add(rest)
			next = append(next, rest)
		}
		for _, p := range prepositions {
			if rest, ok := strings.CutPrefix(s, p); ok {
				add(rest)
				next = append(next, rest)
			}
		}
	}
	for _, s := range next {
		if rest, ok := strings.CutPrefix(s, "ال"); ok {
			add(rest)
		}
	}
	return forms
}

func shortestForm(forms []string) string {
	best := forms[0]
	for _, f := range forms[1:] {
		if len(f) < len(best) {
			best = f
		}
	}
	return best
}

// Fold normalises a whole phrase for search: Normalize, then each word
// reduced to its shortest clitic-free form (the same reduction on both
// sides of a comparison), joined by single spaces. Used by
// search so that "بالكاظمي" and "الكاظمي" find each other.
func Fold(s string) string {
	words := strings.FieldsFunc(Normalize(s), func(r rune) bool { return !isWordRune(r) })
	for i, w := range words {
		words[i] = shortestForm(cliticForms(w))
	}
	return strings.Join(words, " ")
}
