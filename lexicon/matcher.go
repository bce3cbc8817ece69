package lexicon

import (
	"strings"

	"khatt/arabic"
)

// Matcher finds lexicon phrases in token sequences. Phrases are stored
// normalised; a token matches a phrase word when one of its readings equals
// it (or, when the matcher takes suffixes, equals it plus a pronoun,
// plural or dual ending).
type Matcher[V any] struct {
	first    map[string][]int
	phrases  []Phrase[V]
	suffixes bool
	// cls and bit: the lexicon classifier's class of the first words (a
	// token it classified without the bit starts no phrase).
	cls *index
	bit int
}

func (m *Matcher[V]) firstWords() ([]string, bool) {
	words := make([]string, 0, len(m.first))
	for w := range m.first {
		words = append(words, w)
	}
	return words, m.suffixes
}

func (m *Matcher[V]) setClass(ix *index, bit int) { m.cls, m.bit = ix, bit }

// Phrase is one lexicon entry: its normalised words and its value.
type Phrase[V any] struct {
	Words []string
	Val   V
}

// Match is a phrase found at a token: its index, value and length in tokens.
type Match[V any] struct {
	Index int
	Val   V
	N     int
	// Reading is the analysis of the first token that matched (its
	// proclitics say whether a conjunction or preposition was glued on).
	Reading arabic.Analysis
}

func (m *Matcher[V]) add(text string, v V) {
	words := strings.FieldsFunc(arabic.Normalize(text), func(r rune) bool { return !arabic.IsWordRune(r) })
	if len(words) == 0 {
		return
	}
	if m.first == nil {
		m.first = map[string][]int{}
	}
	m.first[words[0]] = append(m.first[words[0]], len(m.phrases))
	m.phrases = append(m.phrases, Phrase[V]{Words: words, Val: v})
}

// Len is the number of phrases.
func (m *Matcher[V]) Len() int { return len(m.phrases) }

// Phrase returns phrase i.
func (m *Matcher[V]) Phrase(i int) Phrase[V] { return m.phrases[i] }

// At returns the longest phrase that starts at toks[i]. ok is false when
// none does. Punctuation never matches.
func (m *Matcher[V]) At(toks []arabic.Token, i int) (Match[V], bool) {
	if i < 0 || i >= len(toks) || toks[i].Kind == arabic.Punct || m.first == nil || m.rejects(&toks[i]) {
		return Match[V]{}, false
	}
	best := Match[V]{Index: -1}
	m.eachFirst(&toks[i], func(pi int, reading arabic.Analysis) {
		p := m.phrases[pi]
		if len(p.Words) <= best.N || i+len(p.Words) > len(toks) {
			return
		}
		for k := 1; k < len(p.Words); k++ {
			if !m.tokenIs(&toks[i+k], p.Words[k]) {
				return
			}
		}
		best = Match[V]{Index: pi, Val: p.Val, N: len(p.Words), Reading: reading}
	})
	return best, best.Index >= 0
}

// Has reports whether a phrase starts at toks[i].
func (m *Matcher[V]) Has(toks []arabic.Token, i int) bool {
	_, ok := m.At(toks, i)
	return ok
}

// Starts reports whether a phrase may start with the token (a cheap test).
func (m *Matcher[V]) Starts(t *arabic.Token) bool {
	found := false
	m.eachFirst(t, func(int, arabic.Analysis) { found = true })
	return found
}

// eachFirst calls fn for every phrase whose first word the token can be,
// with the reading that matched.
func (m *Matcher[V]) eachFirst(t *arabic.Token, fn func(int, arabic.Analysis)) {
	if m.rejects(t) {
		return
	}
	for _, a := range t.An {
		for _, pi := range m.first[a.Stem] {
			fn(pi, a)
		}
		if m.suffixes {
			suffixStems(a.Stem, func(stem string) {
				for _, pi := range m.first[stem] {
					fn(pi, a)
				}
			})
		}
	}
}

// rejects reports whether the token's word classes (when this lexicon
// classified it) say no phrase starts with it: a bit test.
func (m *Matcher[V]) rejects(t *arabic.Token) bool {
	return m.cls != nil && t.ClassedBy != nil && t.ClassedBy == arabic.Classifier(m.cls) && !t.Classes.Has(m.bit)
}

// suffixStems calls fn with every first word a reading may be with a
// suffix glued on: the stem less a pronoun, plural or dual ending, and for
// a stem left ending in the feminine ت, the stem with ه (folded ة) instead.
// A verb whose last letter is a vowel drops it before the feminine ت or
// the plural وا of its past: نفت and نفوا are of نفى (folded نفي), دعت
// of دعا, أبدت of أبدى. A final hamza moves to ي or و before a pronoun.
func suffixStems(stem string, fn func(string)) {
	for _, s := range suffixes {
		st, ok := strings.CutSuffix(stem, s)
		if !ok || len(st) < 4 { // two Arabic letters
			continue
		}
		fn(st)
		if t, ok := strings.CutSuffix(st, "ت"); ok && len(t) >= 4 {
			fn(t + "ه")
		}
		if s == "ت" || s == "وا" {
			fn(st + "ي")
			fn(st + "ا")
		}
		// A final hamza sits on ي or و before a pronoun: لقائه and لقاؤه
		// are of لقاء (ئ and ؤ fold to ي and و).
		for _, seat := range [...]string{"ي", "و"} {
			if base, ok := strings.CutSuffix(st, seat); ok && strings.HasSuffix(base, "ا") && len(base) >= 4 {
				fn(base + "ء")
			}
		}
	}
}

func (m *Matcher[V]) tokenIs(t *arabic.Token, w string) bool {
	if t.Kind == arabic.Punct {
		return false
	}
	for _, a := range t.An {
		if a.Stem == w {
			return true
		}
		if !m.suffixes {
			continue
		}
		rest, ok := strings.CutPrefix(a.Stem, w)
		if !ok {
			if base, isTa := strings.CutSuffix(w, "ه"); isTa {
				rest, ok = strings.CutPrefix(a.Stem, base+"ت")
			}
		}
		if ok && isSuffix(rest) {
			return true
		}
	}
	return false
}

// suffixes that may be glued to a trigger word: pronouns, plural and dual
// endings, the feminine ت of verbs.
var suffixes = []string{"هما", "هم", "ها", "ه", "وا", "ون", "ين", "ان", "ات", "ت", "نا", "ا", "تا", "تان", "تين"}

func isSuffix(s string) bool {
	for _, x := range suffixes {
		if s == x {
			return true
		}
	}
	return false
}
