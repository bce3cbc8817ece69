package extract

import (
	"slices"
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// officeHolder is a lexicon role with the title key the extractor reads
// from its phrase.
type officeHolder struct {
	key  []string
	role lexicon.Role
}

// officeHolders computes the title keys of the lexicon's roles, the way a
// title in text is keyed: title words without honorifics, and the country.
func officeHolders(lx *lexicon.Lexicon) []officeHolder {
	var out []officeHolder
	for _, r := range lx.Roles {
		if k := phraseKey(lx, r.Phrase); len(k) > 0 {
			out = append(out, officeHolder{key: k, role: r})
		}
	}
	return out
}

// phraseKey is the title key of a written title («الرئيس الروسي» is رئيس
// @روسيا; «رئيس مجلس النواب اللبناني» is رئيس مجلس نواب @لبنان).
func phraseKey(lx *lexicon.Lexicon, phrase string) []string {
	toks := arabic.Tokenize(nil, phrase, 0, len(phrase), nil)
	var words []string
	country := ""
	for i := 0; i < len(toks); {
		if toks[i].Kind != arabic.Word {
			i++
			continue
		}
		if m, ok := lx.Titles.At(toks, i); ok {
			for k := i; k < i+m.N; k++ {
				w := toks[k].Norm
				if k == i {
					w = m.Reading.Stem
				}
				words = append(words, w)
			}
			i += m.N
			continue
		}
		if a, ok := lx.Adjectives.At(toks, i); ok {
			if country == "" {
				country = a.Val.Name
			}
			i += a.N
			continue
		}
		if m, ok := lx.Entities.At(toks, i); ok && m.Val.Kind != model.Person {
			if country == "" {
				country = m.Val.Country()
			}
			if m.Val.Kind == model.Organisation {
				words = append(words, "#"+m.Val.Name)
			}
			i += m.N
			continue
		}
		if lx.Set("institution").Has(&toks[i]) || definite(toks, i) {
			// The words of the office («مجلس الوزراء»، «الخارجية»), as a title in
			// text is keyed.
			words = append(words, toks[i].Norm)
			i++
			continue
		}
		i++
	}
	key := titleKey(nil, words)
	if country != "" {
		key = append(key, "@"+country)
	}
	return key
}

// sameKey reports whether two title keys hold the same words.
func sameKey(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := func(set []string, w string) (n int) {
		for _, x := range set {
			if x == w {
				n++
			}
		}
		return n
	}
	for _, w := range a { // a few words each: counted, not sorted
		if count(a, w) != count(b, w) {
			return false
		}
	}
	return true
}

// officeHolder returns the person the lexicon says held the office a
// title names on the article's publication day, or nil.
func (d *doc) officeHolder(key []string) *Entity {
	if !d.anchor.Known() || len(key) < 2 {
		return nil // a bare «القائد» or «الرئيس» names no one office
	}
	for _, h := range d.x.holders {
		if h.role.Holds(d.anchor.Pub) && sameKey(h.key, key) {
			return d.ents.known(h.role.Person)
		}
	}
	return nil
}

// knownSurnames indexes the lexicon's people by the last word of their
// name, folded.
func knownSurnames(lx *lexicon.Lexicon) map[string][]*lexicon.Entity {
	out := map[string][]*lexicon.Entity{}
	for i := range lx.Entities.Len() {
		e := lx.Entities.Phrase(i).Val
		words := strings.Fields(arabic.Normalize(e.Name))
		if e.Kind != model.Person || len(words) < 2 || e.Country() == "" {
			continue
		}
		last := words[len(words)-1]
		if !slices.Contains(out[last], e) {
			out[last] = append(out[last], e)
		}
	}
	return out
}

// surnameOf returns the one person the lexicon knows of a country whose
// name ends in token j: «رئيس الحكومة العراقية السوداني».
func (d *doc) surnameOf(toks []arabic.Token, j int, country string) *lexicon.Entity {
	if j >= len(toks) || toks[j].Kind != arabic.Word {
		return nil
	}
	var found *lexicon.Entity
	for _, e := range d.x.surnames[toks[j].Norm] {
		if e.Country() == country {
			if found != nil && found != e {
				return nil // two of that country: the surname says no one
			}
			found = e
		}
	}
	return found
}
