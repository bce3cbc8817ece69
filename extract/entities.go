package extract

import (
	"slices"
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// Entity is a person, country, place, institution, medium or group as one
// article knows it. Mentions of the same one share the pointer.
type Entity struct {
	Name    string          // display name: canonical when the lexicon knows it
	Key     string          // matching key: the folded canonical name
	Kind    model.ActorKind // person, country, place, organisation, media
	Country string          // the country a person serves, a place lies in, a body stands for
	Known   *lexicon.Entity // the lexicon entry, if any
	// Role is set for a person known only by a title («وزير الدولة
	// الإماراتي للشؤون الخارجية»).
	Role bool
	// Members of a collective actor («ممثلين عن روسيا والولايات المتحدة»).
	Members []*Entity
	Unnamed bool     // an unnamed source («مصدر»، «مسؤول أمريكي»)
	Acts    bool     // an institution that acts (البيت الأبيض) or a capital standing for its government
	words   []string // what its titles said of it in this document, each once
}

// isActor reports whether the entity can act in an event (not media, not
// an unnamed source, not a bare venue).
func (e *Entity) isActor() bool {
	switch {
	case e == nil, e.Kind == model.Media, e.Unnamed:
		return false
	case e.Kind == model.Place:
		return e.Acts
	}
	return true
}

// isPlace reports whether the entity can be a destination or venue.
func (e *Entity) isPlace() bool {
	return e != nil && (e.Kind == model.Place || e.Kind == model.Country)
}

// Actor returns the entity as a model actor; a capital that acts is its
// government.
func (e *Entity) Actor() model.Actor {
	if e.Kind == model.Place && e.Acts && e.Country != "" {
		return model.Actor{Name: e.Country, Kind: model.Country}
	}
	return model.Actor{Name: e.Name, Kind: e.Kind}
}

// mention is an entity found in a sentence: tokens [from, to).
type mention struct {
	from, to int
	ent      *Entity
	prep     string // a preposition glued to its first word (ب، ل، ك)
	conj     bool   // a و or ف glued to its first word
	title    bool   // found through a title
	pending  []string
	headline bool
}

// entityStore is what an article knows of its entities.
type entityStore struct {
	byKey    map[string]*Entity
	surnames map[string]*Entity
	// surnameBits has a bit set for each surname's length and last
	// byte (surnameBit): most words asked are no surname, and say so here.
	surnameBits [4]uint64
	titled      []titledPerson // title words → person, in order of mention
	order       []*Entity      // people in order of first mention
	last        *Entity        // the person named last, while reading
	// salience counts each person's mentions so far (a headline's double),
	// for resolving pronouns and honorifics («سموه»).
	salience map[*Entity]int
	total    map[*Entity]int // the whole article's counts, from the first pass
	seen     []*Entity       // named persons in the order of their mentions (second pass)
	folds    *folds
	setBuf   []string // learnTitle's working set
}

type titledPerson struct {
	words  []string
	person *Entity
	sent   int
	// qualified: the title was written with a country («الرئيس الصيني»),
	// not bare («الرئيس جو بايدن»).
	qualified bool
}

func newStore(f *folds) *entityStore {
	return &entityStore{byKey: map[string]*Entity{}, surnames: map[string]*Entity{}, salience: map[*Entity]int{}, total: map[*Entity]int{}, folds: f}
}

// known returns the article's entity for a lexicon entry.
func (st *entityStore) known(e *lexicon.Entity) *Entity {
	key := e.Key
	if key == "" {
		key = st.folds.fold(e.Name)
	}
	if x := st.byKey[key]; x != nil {
		return x
	}
	x := &Entity{Name: e.Name, Key: key, Kind: e.Kind, Known: e, Country: e.Country(), Acts: e.Acts || e.Kind == model.Place && e.StandsFor != ""}
	if e.Kind == model.Place && e.StandsFor == "" {
		x.Country = e.In
	}
	st.byKey[key] = x
	if x.Kind == model.Person {
		st.order = append(st.order, x)
		st.learnSurname(x)
	}
	return x
}

// person returns the article's entity for a discovered name.
func (st *entityStore) person(name string) *Entity {
	key := st.folds.fold(name) // words joined by single spaces
	first, rest, several := strings.Cut(key, " ")
	if !several {
		// «الشيخ محمد» after «محمد بن زايد», «(… مايك) بومبيو»: the one
		// person of that first name.
		var only *Entity
		for _, p := range st.order {
			if f, _, ok := strings.Cut(p.Key, " "); ok && f == first {
				if only != nil && only != p {
					only = nil
					break
				}
				only = p
			}
		}
		if only != nil {
			return only
		}
	}
	if x := st.byKey[key]; x != nil {
		return x
	}
	// A longer form of a name already met («محمد يونس المنفي» after «محمد
	// المنفي», or the full name after its surname) is the same person.
	if several {
		last := rest[strings.LastIndexByte(rest, ' ')+1:]
		if x := st.surnames[last]; x != nil && x.Kind == model.Person && firstWord(x.Key) == first {
			st.byKey[key] = x
			return x
		}
	}
	x := &Entity{Name: name, Key: key, Kind: model.Person}
	st.byKey[key] = x
	st.order = append(st.order, x)
	st.learnSurname(x)
	return x
}

// firstWord is the first word of a key (words joined by single spaces).
func firstWord(key string) string {
	f, _, _ := strings.Cut(key, " ")
	return f
}

// learnSurname teaches the article a person's family name: "فؤاد حسين"
// then "زيارة حسين".
func (st *entityStore) learnSurname(x *Entity) {
	sp := strings.LastIndexByte(x.Key, ' ')
	if sp < 0 {
		return
	}
	last := x.Key[sp+1:]
	if arabic.RuneLen(last) < 3 {
		return
	}
	if _, taken := st.surnames[last]; !taken {
		st.surnames[last] = x
		b := surnameBit(last)
		st.surnameBits[b/64] |= 1 << (b % 64)
	}
}

// surname returns the person whose family name the article taught is
// w. Most words are asked and few are surnames: their lengths and last bytes
// answer first.
func (st *entityStore) surname(w string) *Entity {
	if b := surnameBit(w); st.surnameBits[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	return st.surnames[w]
}

// surnameBit is a word's place in surnameBits: its length and last byte.
func surnameBit(w string) uint {
	if len(w) == 0 {
		return 0
	}
	return (uint(len(w))*31 + uint(w[len(w)-1])) % 256
}

// learnTitle records that a title described a person.
func (st *entityStore) learnTitle(words []string, p *Entity, sent int) {
	if len(words) == 0 || p == nil {
		return
	}
	// A title has a few words: sets of them are short lists. An article
	// learns the same few titles again and again (in both passes): a set
	// learned before is shared (none is changed once learned).
	set := st.setBuf[:0]
	qualified := false
	for _, w := range words {
		set = addWord(set, w)
		qualified = qualified || strings.HasPrefix(w, "@")
	}
	if p.Country != "" && !slices.ContainsFunc(set, func(w string) bool { return len(w) == 1+len(p.Country) && w[0] == '@' && w[1:] == p.Country }) {
		set = append(set, "@"+p.Country)
	}
	st.setBuf = set[:0]
	shared := false
	for i := len(st.titled) - 1; i >= 0; i-- {
		if slices.Equal(st.titled[i].words, set) {
			set, shared = st.titled[i].words, true
			break
		}
	}
	if !shared {
		set = slices.Clone(set)
	}
	st.titled = append(st.titled, titledPerson{words: set, person: p, sent: sent, qualified: qualified})
	for _, w := range set {
		p.words = addWord(p.words, w)
	}
}

// addWord adds w to a set kept as a list.
func addWord(set []string, w string) []string {
	if slices.Contains(set, w) {
		return set
	}
	return append(set, w)
}

// byTitle returns the person a bare title points to: the one whose titles
// held all its words, nearest before sentence sent (or, for a headline,
// the first after it).
func (st *entityStore) byTitle(words []string, sent int, headline bool) *Entity {
	if len(words) == 0 {
		return nil
	}
	bare := !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "@") })
	var before, after, home *Entity
	for _, tp := range st.titled {
		all := true
		for _, w := range words {
			if !slices.Contains(tp.words, w) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if tp.sent <= sent {
			before = tp.person
			if bare && !tp.qualified {
				home = tp.person
			}
		} else if after == nil {
			after = tp.person
		}
	}
	if home != nil && !headline && home != before && !st.qualifiedAs(home, words) {
		// «الرئيس جو بايدن … الرئيس الصيني شي … سيتوجه الرئيس»: a bare
		// title is the one the article named with the bare title, the
		// home office, not the foreign one named since.
		return home
	}
	if before != nil && !headline {
		return before
	}
	if after != nil && (headline || before == nil) {
		return after
	}
	return before
}

// qualifiedAs reports whether p was ever named with words and a country:
// then p is no home office the bare title could mean over another.
func (st *entityStore) qualifiedAs(p *Entity, words []string) bool {
	for _, tp := range st.titled {
		if tp.person == p && tp.qualified {
			all := true
			for _, w := range words {
				if !slices.Contains(tp.words, w) {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}

// nameTitled is the person last named so far whose name starts with a
// one-word bare title («الملك عبد الله الثاني» for «الملك»، «الشيخ تميم
// بن حمد» for «الشيخ»), or nil.
func (st *entityStore) nameTitled(key []string) *Entity {
	if len(key) != 1 || strings.HasPrefix(key[0], "@") {
		return nil
	}
	for i := len(st.seen) - 1; i >= 0; i-- {
		p := st.seen[i]
		first, _, ok := strings.Cut(arabic.Normalize(p.Name), " ")
		if ok && strings.TrimPrefix(first, "ال") == key[0] {
			return p
		}
	}
	return nil
}

// lastOf is the person of a country named last in the article so far.
func (st *entityStore) lastOf(country string) *Entity {
	for i := len(st.seen) - 1; i >= 0; i-- {
		if p := st.seen[i]; p.Country == country {
			return p
		}
	}
	return nil
}

// titleKey reduces title words to what identifies an office: no honorific
// or military rank, each word without its article. It appends to out.
func titleKey(out, words []string) []string {
	out = slices.Grow(out, len(words)+1) // room for a country (titled)
	for _, w := range words {
		w = strings.TrimPrefix(w, "ال")
		switch w {
		case "سيد", "سيده", "دكتور", "سمو", "جلاله", "فخامه", "معالي", "صاحب", "شيخ", "لواء", "عميد", "فريق", "عقيد",
			"مقدم", "جنرال", "مشير", "عماد", "اول", "ركن", "ملكي", "خاص", "حفظه", "الله", "بلاد", "وطن":
			continue
		}
		if w == "جمهوريه" {
			w = "دوله" // رئيس الجمهورية is رئيس الدولة
		}
		if w == "" || slices.Contains(out, w) { // a title has a few words
			continue
		}
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// honorificTitles says which offices an honorific pronoun goes with:
// «جلالته» a king, «فخامته» a president, «سموه» a prince or emir.
var honorificTitles = map[string][]string{
	"جلالته": {"ملك", "عاهل", "سلطان"}, "جلالتها": {"ملكه"},
	"فخامته": {"رئيس", "فخامه"}, "سيادته": {"رئيس"},
	"سموه": {"امير", "شيخ", "ولي", "عهد", "سمو"}, "سموها": {"اميره", "شيخه"},
	"معاليه": {"وزير"}, "دولته": {"رئيس"},
}

// honoured returns the person an honorific pronoun means: the most salient
// person whose titles fit it, else the most salient person.
func (st *entityStore) honoured(word string) *Entity {
	if titles := honorificTitles[word]; len(titles) > 0 {
		exclude := map[*Entity]bool{}
		for _, p := range st.order {
			fits := false
			for _, t := range titles {
				fits = fits || slices.Contains(p.words, t)
			}
			if !fits {
				exclude[p] = true
			}
		}
		if p := st.mostSalient(exclude); p != nil {
			return p
		}
		// A headline's «غادر سموه» before the prince is named: the one the
		// whole article names most among those the honorific fits.
		var best *Entity
		for _, p := range st.order {
			if !exclude[p] && !p.Role && !p.Unnamed && (best == nil || st.total[p] > st.total[best]) {
				best = p
			}
		}
		if best != nil {
			return best
		}
	}
	return st.mostSalient(nil)
}

// mostSalient is the person named most so far, not in exclude; ties go to
// the one named last.
func (st *entityStore) mostSalient(exclude map[*Entity]bool) *Entity {
	var best *Entity
	for _, p := range st.order {
		if exclude[p] || p.Role || p.Unnamed || st.salience[p] == 0 {
			continue
		}
		if best == nil || st.salience[p] >= st.salience[best] {
			best = p
		}
	}
	return best
}
