// Package extract is the fourth stage of khatt's extractor: it reads one
// article's sentences, clauses and dates, finds its people, places and
// institutions, builds an event frame for every trigger (who acts, with
// whom, where, when, whether it happened or is planned, on whose word),
// and joins the frames that report the same event inside the article. The
// result is a value the merge stage reads; nothing here looks at other
// articles.
package extract

import (
	"strings"
	"sync"

	"khatt/arabic"
	"khatt/dates"
	"khatt/lexicon"
	"khatt/model"
)

// Extractor holds what every article's extraction shares: the lexicon and
// the date tagger. It is read-only and safe for concurrent use.
type Extractor struct {
	lx      *lexicon.Lexicon
	tg      *dates.Tagger
	w       words
	holders []officeHolder
	// surnames are the people the lexicon knows, by the last word of
	// their name («السوداني»), for a surname that is also a word.
	surnames map[string][]*lexicon.Entity
	// caches keep word analyses and classes from article to article, and
	// the storage of an article's tokens (one article uses a cache at a
	// time, from its first token to its last event).
	caches sync.Pool
	// scratches hold the room of an article's extraction (see scratch).
	scratches sync.Pool
}

// New builds an extractor over a lexicon.
func New(lx *lexicon.Lexicon) *Extractor {
	x := &Extractor{lx: lx, tg: dates.NewTagger(lx), w: newWords(lx), holders: officeHolders(lx), surnames: knownSurnames(lx)}
	x.caches.New = func() any { return &arabic.Cache{Classifier: lx.Classifier()} }
	x.scratches.New = func() any { return &scratch{} }
	return x
}

// Lexicon returns the extractor's lexicon.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lx }

// words are the cue sets the extractor reads, looked up once.
type words struct {
	anaphor, honorific, unnamed, media, negation, alleged, light, receiverLight  lexicon.WordSet
	institution, government, dual, collective, vehicle, gathers, airport, palace lexicon.WordSet
	acting                                                                       lexicon.WordSet
	purpose, according, post, addressee, stop, exclude, impersonal, occasion     lexicon.WordSet
	intent, namedFor, topic                                                      lexicon.WordSet
	habitual, furniture                                                          *lexicon.Matcher[bool]
	dateWords                                                                    lexicon.AnyOf // today, yesterday, tomorrow, week, month, year
}

func newWords(lx *lexicon.Lexicon) words {
	s := lx.Set
	return words{anaphor: s("anaphor"), honorific: s("honorific"), unnamed: s("unnamed"), media: s("media"),
		negation: s("negation"), alleged: s("alleged"), light: s("light"), receiverLight: s("receiver-light"),
		institution: s("institution"), government: s("government"), dual: s("dual"), collective: s("collective"),
		vehicle: s("vehicle"), gathers: s("gathers"), airport: s("airport"), palace: s("palace"),
		purpose: s("purpose"), according: s("according"), post: s("post"), addressee: s("addressee"),
		stop: s("stop"), exclude: s("exclude"), acting: s("acting-institution"), impersonal: s("impersonal"), occasion: s("occasion"), intent: s("intent"), namedFor: s("named-for"), topic: s("topic"),
		habitual: lx.Phrase("habitual"), furniture: lx.Phrase("furniture"),
		dateWords: lexicon.NewAnyOf(s("today"), s("yesterday"), s("tomorrow"), s("week-unit"), s("month-unit"), s("year-unit"))}
}

// doc is one article as the extractor reads it.
type doc struct {
	x      *Extractor
	src    *model.Source
	text   string
	sents  []*sent
	anchor dates.Anchor
	ents   *entityStore
	frames []*frame // in sentence order (buildFrames): each sentence's are a run
	// pendingEvents are events made while folding a statement into a
	// meeting told later in its sentence.
	pendingEvents []*docEvent
	mentBuf       []mention // recognize's working list
	sc            *scratch
	// votes counts the article's words for each country (names,
	// nationalities, people of the lexicon), worked out the first time a
	// homograph needs them.
	votes map[string]int
	ready bool // every sentence is segmented (prepare is done)
}

// sent is one sentence with its layers.
type sent struct {
	arabic.Sentence
	masked    []bool // tokens that are not the article's words (an outlet's name)
	furniture bool   // page furniture: no events, no dates
	clauses   []arabic.Clause
	ments     []mention // entity mentions, left to right
	trigs     []trigger
	exprs     []dates.Expr
	habitual  []bool // per clause: a habitual phrase (see habitualClause)
	// entAt is the lexicon's entity phrase at each token, looked up once:
	// 0 not yet, -1 none, k the doc's entHits[k-1].
	entAt []int32
	// cand says which recognisers may start at each token (candidates).
	cand []uint16
}

// entityAt is the lexicon's entity phrase starting at token i of s
// (Entities.At), looked up once per token: recognising entities asks it
// of most tokens four or five times (the outlet's mask, media, known
// names, in both passes). The match is the doc's: read it, never change it.
func (d *doc) entityAt(s *sent, i int) (*lexicon.Match[*lexicon.Entity], bool) {
	toks := s.Tokens
	if i < 0 || i >= len(toks) {
		return nil, false
	}
	if s.entAt == nil {
		s.entAt = d.sc.int32s.take(len(toks))
	}
	switch k := s.entAt[i]; {
	case k > 0:
		return &d.sc.entHits[k-1], true
	case k < 0:
		return nil, false
	}
	m, ok := d.x.lx.Entities.At(toks, i)
	if !ok {
		s.entAt[i] = -1
		return nil, false
	}
	if m.N == 1 {
		if hs := d.x.lx.Homographs(d.x.lx.Entities.Phrase(m.Index).Words[0]); hs != nil {
			if !d.ready {
				// Asked while the article is still being segmented (page
				// furniture): the choice needs the whole article, so it is
				// made, and kept, later.
				return &m, true
			}
			m.Val = d.homograph(&toks[i], hs)
		}
	}
	d.sc.entHits = append(d.sc.entHits, m)
	s.entAt[i] = int32(len(d.sc.entHits))
	return &d.sc.entHits[len(d.sc.entHits)-1], true
}

// mentionAt is the index in s.ments of the (last) mention that starts at
// token i. A sentence holds a handful: a scan beats a map.
func (s *sent) mentionAt(i int) (int, bool) {
	for k := len(s.ments) - 1; k >= 0; k-- {
		if s.ments[k].from == i {
			return k, true
		}
	}
	return -1, false
}

// prepare segments the body, masks the outlet's name and page furniture,
// and fixes the anchor relative dates resolve against.
func (x *Extractor) prepare(src *model.Source, cache *arabic.Cache, sc *scratch) *doc {
	d := &doc{x: x, src: src, text: src.Text, sc: sc}
	segs := arabic.Segment(src.Text, src.BodyStart, cache)
	outlet := outletWords(src.Outlet)
	sents := make([]sent, len(segs)) // one allocation for the article's
	d.sents = make([]*sent, 0, len(segs))
	for i := range segs {
		s := &sents[i]
		s.Sentence = segs[i]
		s.masked = d.maskOutlet(s, outlet)
		s.furniture = x.isFurniture(s)
		d.sents = append(d.sents, s)
	}
	mask := func(s *arabic.Sentence) []bool { return d.sents[s.Index].masked }
	if !src.Published.Known() {
		if st := x.tg.Stated(segs, mask); st.Known() {
			src.Published = st
		}
	}
	d.anchor = dates.Anchor{Source: src.ID}
	if src.Published.Precision == model.Day {
		d.anchor.Pub, _ = x.tg.Reconcile(src.Published.Start, segs, mask)
	}
	d.ready = true
	return d
}

// outletWords returns the normalised words of an outlet's name without a
// parenthesised domain: «وطنا اليوم (watananews.com)» is وطنا اليوم.
func outletWords(outlet string) []string {
	if i := strings.IndexAny(outlet, "(["); i >= 0 {
		outlet = outlet[:i]
	}
	return strings.FieldsFunc(arabic.Normalize(outlet), func(r rune) bool { return !arabic.IsWordRune(r) })
}

// maskOutlet marks the tokens of the outlet's own name and of media names
// the gazetteer knows (their «اليوم» is no date).
func (d *doc) maskOutlet(s *sent, outlet []string) []bool {
	toks := s.Tokens
	var masked []bool
	mark := func(from, to int) {
		if masked == nil {
			masked = make([]bool, len(toks))
		}
		for k := from; k < to && k < len(toks); k++ {
			masked[k] = true
		}
	}
	for i := range toks {
		if len(outlet) > 0 && i+len(outlet) <= len(toks) {
			all := true
			for k, w := range outlet {
				if !toks[i+k].Is(w) {
					all = false
					break
				}
			}
			if all {
				mark(i, i+len(outlet))
			}
		}
		if m, ok := d.entityAt(s, i); ok && m.Val.Kind == model.Media {
			mark(i, i+m.N)
		}
	}
	return masked
}

// isFurniture reports whether a sentence is page furniture: a line that
// starts with a furniture phrase («تاريخ النشر»، «اقرأ أيضا»), a bare
// list of section names, or an embedded post's signature line.
func (x *Extractor) isFurniture(s *sent) bool {
	toks := s.Tokens
	if len(toks) == 0 {
		return true
	}
	first := 0
	for first < len(toks) && toks[first].Kind == arabic.Punct {
		first++
	}
	if first < len(toks) && x.w.furniture.Has(toks, first) && s.Headline {
		return true
	}
	if len(toks) > 0 && toks[0].IsPunct("—–") {
		return true // "— الميادين لبنان (@…) September 11, 2025"
	}
	return false
}

// homograph picks which of the entities a one-word name may be the text
// means. Harakat decide when the text writes them (عمّان the city, عُمان
// the sultanate: the marks of the token must all be in the alias);
// otherwise the country the article speaks of more (a Jordanian king
// receiving in «عمان» is in Amman); at a tie, the first the data lists.
func (d *doc) homograph(t *arabic.Token, hs []lexicon.Homograph) *lexicon.Entity {
	if marks := marksOf(t.Raw); marks != "" {
		var fit []*lexicon.Entity
		for _, h := range hs {
			if allIn(marks, marksOf(h.Raw)) {
				fit = append(fit, h.Entity)
			}
		}
		if len(fit) == 1 {
			return fit[0]
		}
	}
	if d.votes == nil {
		d.votes = d.countryVotes()
	}
	best, most := hs[0].Entity, -1
	for _, h := range hs {
		if v := d.votes[h.Entity.Country()]; v > most {
			best, most = h.Entity, v
		}
	}
	return best
}

// countryVotes counts, for each country, the words of the article that
// name it, its people or its places, or its nationality; homographs
// themselves do not vote.
func (d *doc) countryVotes() map[string]int {
	lx := d.x.lx
	votes := map[string]int{}
	for _, s := range d.sents {
		toks := s.Tokens
		for k := 0; k < len(toks); k++ {
			if a, ok := lx.Adjectives.At(toks, k); ok {
				votes[a.Val.Name]++
				k += a.N - 1
				continue
			}
			m, ok := lx.Entities.At(toks, k)
			if !ok {
				continue
			}
			if m.N > 1 || lx.Homographs(lx.Entities.Phrase(m.Index).Words[0]) == nil {
				if c := m.Val.Country(); c != "" {
					votes[c]++
				}
			}
			k += m.N - 1
		}
	}
	return votes
}

// marksOf is the harakat of a word, in order.
func marksOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x064B && r <= 0x0652 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// allIn reports whether every mark of a is among those of b.
func allIn(a, b string) bool {
	for _, r := range a {
		if !strings.ContainsRune(b, r) {
			return false
		}
	}
	return true
}
