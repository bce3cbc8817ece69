package lexicon

import (
	"iter"
	"maps"
	"slices"
	"sort"
	"sync"

	"khatt/arabic"
)

// WordSet is a set of normalised single words. A set read from the
// lexicon, or made by NewWordSet, has a class bit: tokens the lexicon's
// classifier tokenized answer membership by that bit.
type WordSet struct {
	words map[string]bool
	owner *index // the lexicon that numbered it; nil for a fixed set
	bit   int    // class bit + 1; 0: none
}

// fixed holds the sets programs build from their own word lists
// (NewWordSet, at package initialisation): every lexicon loaded after
// numbers them first.
var fixed struct {
	sync.Mutex
	sets []WordSet
}

// NewWordSet makes a set of words, normalised. Make sets once, at package
// initialisation: a set made after a lexicon was loaded has no class bit
// in it and is looked up word by word.
func NewWordSet(words ...string) WordSet {
	s := WordSet{words: make(map[string]bool, len(words))}
	for _, w := range words {
		s.words[arabic.Normalize(w)] = true
	}
	fixed.Lock()
	defer fixed.Unlock()
	if len(fixed.sets) < arabic.MaxClasses/2 {
		s.bit = len(fixed.sets) + 1
		fixed.sets = append(fixed.sets, s)
	}
	return s
}

// Words are the set's words, normalised, in no order.
func (s WordSet) Words() iter.Seq[string] { return maps.Keys(s.words) }

// Contains reports whether the normalised word w is in the set.
func (s WordSet) Contains(w string) bool { return s.words[w] }

// classed answers membership by the class bit: known is false when the
// token was not classified by a classifier that numbered the set.
func (s WordSet) classed(t *arabic.Token) (has, known bool) {
	if s.bit == 0 || t.ClassedBy == nil {
		return false, false
	}
	ix, ok := t.ClassedBy.(*index)
	if !ok || s.owner != ix && (s.owner != nil || s.bit > ix.fixed) {
		return false, false
	}
	return t.Classes.Has(s.bit - 1), true
}

// Has reports whether one reading of the token is in the set.
func (s WordSet) Has(t *arabic.Token) bool {
	if has, known := s.classed(t); known {
		return has
	}
	_, ok := t.In(s.words)
	return ok
}

// In returns the reading of the token that is in the set.
func (s WordSet) In(t *arabic.Token) (arabic.Analysis, bool) {
	if has, known := s.classed(t); known && !has {
		return arabic.Analysis{}, false
	}
	return t.In(s.words)
}

// index is a lexicon's classifier: the classes of every word of its sets
// and every first word of its phrase tables.
type index struct {
	fixed    int                       // fixed sets numbered (bits 0…fixed-1)
	exact    map[string]arabic.Classes // by reading
	suffixed map[string]arabic.Classes // by reading less a suffix (matchers that take suffixes)
}

// Classify implements arabic.Classifier.
func (ix *index) Classify(an []arabic.Analysis) arabic.Classes {
	var c arabic.Classes
	for _, a := range an {
		c.Add(ix.exact[a.Stem])
		if len(ix.suffixed) > 0 {
			suffixStems(a.Stem, func(stem string) { c.Add(ix.suffixed[stem]) })
		}
	}
	return c
}

// Classifier returns the lexicon's classifier, for arabic.Cache.
func (lx *Lexicon) Classifier() arabic.Classifier {
	if lx.index == nil {
		return nil // not made by Load
	}
	return lx.index
}

// numberClasses gives a class bit to the fixed sets, then to the phrase
// tables (asked of every token), then to the cue sets, as far as bits go:
// a set without one is looked up word by word.
func (lx *Lexicon) numberClasses() {
	ix := &index{exact: map[string]arabic.Classes{}, suffixed: map[string]arabic.Classes{}}
	add := func(m map[string]arabic.Classes, w string, bit int) {
		c := m[w]
		c.Set(bit)
		m[w] = c
	}
	fixed.Lock()
	for _, s := range fixed.sets {
		for w := range s.words {
			add(ix.exact, w, s.bit-1)
		}
	}
	ix.fixed = len(fixed.sets)
	fixed.Unlock()
	next := ix.fixed
	phrases := make([]string, 0, len(lx.Phrases))
	for name := range lx.Phrases {
		phrases = append(phrases, name)
	}
	sort.Strings(phrases)
	var firsts []firstWords
	for _, m := range []firstWords{&lx.Triggers, &lx.Titles, &lx.Entities, &lx.Adjectives, &lx.Given, &lx.Planned,
		&lx.Months, &lx.Hijri, &lx.Weekdays, &lx.Times, &lx.Numbers} {
		firsts = append(firsts, m)
	}
	for _, name := range phrases {
		firsts = append(firsts, lx.Phrases[name])
	}
	for _, m := range firsts {
		if next >= arabic.MaxClasses {
			break
		}
		words, suffixes := m.firstWords()
		for _, w := range words {
			add(ix.exact, w, next)
			if suffixes {
				add(ix.suffixed, w, next)
			}
		}
		m.setClass(ix, next)
		next++
	}
	names := make([]string, 0, len(lx.Words))
	for name := range lx.Words {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if next >= arabic.MaxClasses {
			break
		}
		s := lx.Words[name]
		s.owner, s.bit = ix, next+1
		lx.Words[name] = s
		for w := range s.words {
			add(ix.exact, w, next)
		}
		next++
	}
	lx.index = ix
}

// firstWords is what numberClasses needs of a Matcher of any value type.
type firstWords interface {
	firstWords() (words []string, suffixes bool)
	setClass(ix *index, bit int)
}

// AnyOf is a union of sets asked at once: one test of the class bits for
// a token the sets' lexicon classified.
type AnyOf struct {
	sets     []WordSet
	starts   []starter // phrase tables, by their first words
	owner    *index    // the lexicon sets' classifier (nil: fixed sets only)
	maxFixed int       // the highest fixed set's bit + 1
	mask     arabic.Classes
	bits     bool // every non-empty set has a bit, from one lexicon
}

// NewAnyOf makes the union of sets.
func NewAnyOf(sets ...WordSet) AnyOf {
	a := AnyOf{sets: sets, bits: true}
	for _, s := range sets {
		switch {
		case s.bit == 0:
			if len(s.words) > 0 {
				a.bits = false
			}
			continue
		case s.owner == nil:
			a.maxFixed = max(a.maxFixed, s.bit)
		case a.owner != nil && a.owner != s.owner:
			a.bits = false
		default:
			a.owner = s.owner
		}
		a.mask.Set(s.bit - 1)
	}
	return a
}

// starter is a phrase table as AnyOf asks it (a Matcher of any value
// type): its first words' class, and the test without it.
type starter interface {
	firstClass() (*index, int)
	Starts(t *arabic.Token) bool
}

func (m *Matcher[V]) firstClass() (*index, int) { return m.cls, m.bit }

// OrStarts is the union of a's sets and of the tokens a phrase of each
// table may start with (Matcher.Starts).
func (a AnyOf) OrStarts(tables ...starter) AnyOf {
	a.starts = append(slices.Clone(a.starts), tables...) // (a's own list is not appended to)
	for _, m := range tables {
		ix, bit := m.firstClass()
		switch {
		case ix == nil:
			a.bits = false
			continue
		case a.owner != nil && a.owner != ix:
			a.bits = false
		default:
			a.owner = ix
		}
		a.mask.Set(bit)
	}
	return a
}

// Has reports whether one reading of the token is in one of the sets (or
// may start a phrase of one of the tables: OrStarts).
func (a AnyOf) Has(t *arabic.Token) bool {
	if a.bits && t.ClassedBy != nil {
		if ix, ok := t.ClassedBy.(*index); ok && (a.owner == nil || a.owner == ix) && a.maxFixed <= ix.fixed {
			return t.Classes.Meets(a.mask)
		}
	}
	for _, s := range a.sets {
		if s.Has(t) {
			return true
		}
	}
	for _, m := range a.starts {
		if m.Starts(t) {
			return true
		}
	}
	return false
}
