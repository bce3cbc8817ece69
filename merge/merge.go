// Package merge is the last stage of khatt's extractor: it joins the
// events that several articles report into one timeline entry, by type,
// the people taking part, place and overlapping date bounds, with
// cannot-link constraints (one article's distinct events stay distinct, a
// call is no meeting, no day outside every report's bounds). Reports are
// blocked (by type and actor), split into the connected sets the blocks
// make, each set clustered on its own core by a sweep in date order; two
// groups are compared through one report of each signature. The work
// grows faster than the corpus only where one actor has thousands of
// reports in overlapping date windows.
package merge

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"khatt/arabic"
	"khatt/extract"
	"khatt/internal/par"
	"khatt/model"
)

// Events merges the events of every article (arts[i] are article i's
// events) and returns them in chronological order.
func Events(arts [][]extract.Event) []model.Event {
	in := make([]Article, len(arts))
	for i, evs := range arts {
		in[i].Events = evs
	}
	out, _, _ := Merge(in, nil) // every article has its events: nothing to load
	return out
}

// Article is one article as Merge reads it.
type Article struct {
	// Events are its events; nil while only their forms are at hand (they
	// are asked of Prior.Load when a group must be built from them).
	Events []extract.Event
	// Forms are what clustering reads of each event (FormOf); worked out
	// from Events when nil.
	Forms []Form
	// Known names the article from one run to the next with all that its
	// events are made from (its ID and its contents): the reports of two
	// articles known alike are the same reports.
	Known string
}

// Group names the reports a merged event is built from, each by its
// article's Known and its place among the article's events, in the order
// the event is built in: equal groups build equal events.
type Group [16]byte

// Prior is a timeline merged before from much the same articles: an
// event whose group is found again is taken from it rather than built.
type Prior struct {
	Groups map[Group]int // the position among Events of the event each group built
	// Events gives its events, asked for once clustering is done (they
	// may be decoded meanwhile); an error: none is taken.
	Events func() ([]model.Event, error)
	// Load gives the events of the articles given only by their forms
	// whose reports make groups not found in Groups (all asked at once).
	Load func(articles []int) ([][]extract.Event, error)
}

// Merge merges the events of every article and returns them in
// chronological order, with the group each was built from. Reports can
// merge only through the blocks they share (a type and an actor, or a
// summit's country): each connected set of them is clustered on its own,
// on every core, and the merged events are built in parallel, or taken
// from prior (nil: none) when their group is found there. It fails only
// when the events of an article given by its forms are needed and cannot
// be loaded.
func Merge(arts []Article, prior *Prior) ([]model.Event, []Group, error) {
	first := make([]int, len(arts)+1) // article ai's items start at first[ai]
	for ai := range arts {
		n := len(arts[ai].Events)
		if arts[ai].Forms != nil {
			n = len(arts[ai].Forms)
		}
		first[ai+1] = first[ai] + n
	}
	items := make([]*item, first[len(arts)])
	ids := newKeyIDs()
	par.Each(len(arts), func(ai int) {
		a := &arts[ai]
		var scratch []byte
		var keys entityKeys                         // an article's events name the same few entities
		slab := make([]item, first[ai+1]-first[ai]) // an article's items, one allocation
		for ei := range slab {
			it := &slab[ei]
			if a.Forms != nil {
				it.fill(&a.Forms[ei], ai, ei, ids, &scratch)
			} else {
				f := keys.formOf(&a.Events[ei])
				it.fill(&f, ai, ei, ids, &scratch)
			}
			items[first[ai]+ei] = it
		}
	})
	parts := components(items)
	clustered := make([][][]*item, len(parts))
	par.Each(len(parts), func(i int) { clustered[i] = cluster(parts[i]) })
	// Building reads a report's event and article only: the items (a
	// fifth of the memory at this point) are let go first.
	flat := make([]member, 0, len(items))
	bounds := []int{0}
	for _, gs := range clustered {
		for _, g := range gs {
			for _, it := range g {
				flat = append(flat, member{it.article, it.event})
			}
			bounds = append(bounds, len(flat))
		}
	}
	items, parts, clustered = nil, nil, nil
	n := len(bounds) - 1
	out := make([]model.Event, n)
	groups := make([]Group, n)
	found := make([]bool, n)
	var before []model.Event
	if prior != nil && prior.Events != nil {
		if evs, err := prior.Events(); err == nil {
			before = evs
		}
	}
	known := make([][16]byte, len(arts))
	par.Each(len(arts), func(ai int) { known[ai] = knownOf(arts[ai].Known) })
	par.Each(n, func(i int) {
		groups[i] = groupOf(known, flat[bounds[i]:bounds[i+1]])
		if j, ok := prior.group(groups[i]); ok && j < len(before) {
			out[i], found[i] = before[j], true
		}
	})
	if err := loadEvents(arts, first, flat, bounds, found, prior); err != nil {
		return nil, nil, err
	}
	par.Each(n, func(i int) {
		if found[i] {
			return
		}
		g := flat[bounds[i]:bounds[i+1]]
		reports := make([]report, len(g))
		for k, m := range g {
			reports[k] = report{&arts[m.article].Events[m.event], int(m.article)}
		}
		out[i] = build(reports)
	})
	order := sortOrder(out)
	sorted := make([]Group, n)
	for k, from := range order {
		sorted[k] = groups[from]
	}
	permute(out, order)
	return out, sorted, nil
}

// member is a report in a group: its article and its place among the
// article's events.
type member struct{ article, event int32 }

// knownOf is an article's Known as a digest, for groupOf.
func knownOf(known string) [16]byte {
	h := sha256.Sum256([]byte(known))
	return [16]byte(h[:16])
}

// groupOf names a group of reports (see Group), given the digest of each
// article's Known.
func groupOf(known [][16]byte, g []member) Group {
	b := make([]byte, 0, 24*len(g))
	for _, m := range g {
		b = append(b, known[m.article][:]...)
		b = binary.AppendUvarint(b, uint64(m.event))
	}
	h := sha256.Sum256(b)
	return Group(h[:16])
}

// group is the position of a group's event in a prior timeline.
func (p *Prior) group(g Group) (int, bool) {
	if p == nil {
		return 0, false
	}
	j, ok := p.Groups[g]
	return j, ok && j >= 0
}

// loadEvents gives their events (prior.Load) to the articles known only by
// their forms that a group to build (not found) has reports of.
func loadEvents(arts []Article, first []int, flat []member, bounds []int, found []bool, prior *Prior) error {
	var load []int
	loading := map[int32]bool{}
	for i := range found {
		if found[i] {
			continue
		}
		for _, m := range flat[bounds[i]:bounds[i+1]] {
			if arts[m.article].Events == nil && !loading[m.article] {
				loading[m.article] = true
				load = append(load, int(m.article))
			}
		}
	}
	if len(load) == 0 {
		return nil
	}
	if prior == nil || prior.Load == nil {
		return errors.New("merge: the events of an article given by its forms are needed, and nothing loads them")
	}
	slices.Sort(load)
	evs, err := prior.Load(load)
	if err == nil && len(evs) != len(load) {
		err = fmt.Errorf("merge: %d articles loaded of %d", len(evs), len(load))
	}
	if err != nil {
		return err
	}
	for k, ai := range load {
		if want := first[ai+1] - first[ai]; len(evs[k]) != want {
			return fmt.Errorf("merge: article %d has %d events where its forms are %d", ai, len(evs[k]), want)
		}
		arts[ai].Events = evs[k]
	}
	return nil
}

// blocks numbers the blocks an item is compared in: its type with each of
// its actor keys, and a summit's type with its country (on every core,
// with the item, so that the sequential steps compare numbers).
func blocks(keys []string, it *item, ids *keyIDs) []block {
	of := func(id int32) block { return block(it.typ)<<32 | block(uint32(id)) }
	out := make([]block, 0, len(keys)+1)
	for i, k := range keys {
		if !slices.Contains(keys[:i], k) {
			out = append(out, of(ids.of(k)))
		}
	}
	if it.summit && it.country != "" {
		// A summit is known by its place and day as much as by who came.
		out = append(out, of(ids.of("summit|"+it.country)))
	}
	return out
}

// block is a block's number: its type, and the number of its key.
type block uint64

// components splits items into the sets that share no block, each in the
// items' order, the largest first. Clustering each on its own gives what
// clustering them all at once gives: a block, and the order blocks are
// swept in, never reach across sets.
func components(items []*item) [][]*item {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	first := map[block]int{}
	for i, it := range items {
		for _, bk := range it.blocks {
			if j, ok := first[bk]; ok {
				parent[find(i)] = find(j)
			} else {
				first[bk] = i
			}
		}
	}
	byRoot := map[int]int{}
	var parts [][]*item
	for i, it := range items {
		r := find(i)
		k, ok := byRoot[r]
		if !ok {
			k = len(parts)
			byRoot[r] = k
			parts = append(parts, nil)
		}
		parts[k] = append(parts[k], it)
	}
	slices.SortStableFunc(parts, func(a, b []*item) int { return len(b) - len(a) })
	return parts
}

// Sort puts events in the timeline's order: by date (undated last), then
// type, then ID.
func Sort(out []model.Event) { permute(out, sortOrder(out)) }

// sortOrder is the order Sort puts events in: order[k] is the position of
// the event to come k-th. Events are sorted as positions, so that no
// comparison copies two events, then put in that order in place.
func sortOrder(out []model.Event) []int32 {
	// The keys are gathered first: comparing them does not reach into
	// two events far apart in memory (Date.Before, then type, then ID).
	type key struct {
		unknown   bool
		sec       int64
		nsec      int32
		precision model.Precision
		typ       model.EventType
		id        string
	}
	keys := make([]key, len(out))
	order := make([]int32, len(out))
	for i := range order {
		order[i] = int32(i)
		e := &out[i]
		keys[i] = key{unknown: !e.Date.Known(), sec: e.Date.Start.Unix(), nsec: int32(e.Date.Start.Nanosecond()),
			precision: e.Date.Precision, typ: e.Type, id: e.ID}
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		if a.unknown != b.unknown {
			if b.unknown {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.precision, b.precision); c != 0 {
			return c
		}
		if a.typ != b.typ {
			return cmp.Compare(a.typ, b.typ)
		}
		return strings.Compare(a.id, b.id)
	})
	return order
}

// permute puts events in an order (see sortOrder) in place, following
// each cycle once; order is used up.
func permute(out []model.Event, order []int32) {
	for start := range order {
		if order[start] < 0 || int(order[start]) == start {
			continue
		}
		held := out[start]
		k := start
		for {
			from := int(order[k])
			order[k] = -1
			if from == start {
				out[k] = held
				break
			}
			out[k] = out[from]
			k = from
		}
	}
}

// item is an event with its matching keys.
type item struct {
	article, event int32   // its article, and its place among the article's events
	blocks         []block // the blocks it is compared in (see blocks)
	agents         keySet
	parties        keySet
	// people are the party keys of persons (k:, p:, r:), spelled are the
	// skeleton keys of transliterated names (s:): precomputed, for the
	// comparisons of every pair.
	people, spelled []int32
	country         string // the country of its place
	lo, hi          time.Time
	// The event's fields every comparison reads, kept here so that a pair
	// is judged without reaching into two events far apart in memory.
	sigHash             [2]uint64 // its signature, hashed with the item (on every core) to 128 bits
	typ                 model.EventType
	phone, summit, host bool
	placed, atPlace     bool // it has a place; that place is a place (not a country)
	sides, anchor       int32
	placeKey            string
	words               []string // a statement's
}

// Form is what clustering reads of an event, worked out from it once
// (FormOf): a cache keeps it beside the event, so that a corpus of cached
// articles is clustered again without decoding their events.
type Form struct {
	Type                                 model.EventType
	Phone, Summit, Host, Placed, AtPlace bool // Placed: it has a place; AtPlace: a place, not a country
	Sides, Anchor                        int
	PlaceKey, Country                    string // its place's key, and the country of its place
	Lo, Hi                               time.Time
	// Keys are the actor keys of its blocks: of the first four actors; of
	// a visit or a statement, only its agents (two of them never merge
	// without an agent in common). Agents are its agents' keys, Parties
	// the keys of everyone taking part: each once, in the order met.
	Keys, Agents, Parties []string
	Words                 []string // a statement's words, sorted
}

// FormOf works out what clustering reads of an event.
func FormOf(e *extract.Event) Form {
	var keys entityKeys
	return keys.formOf(e)
}

// FormsOf is FormOf of each event.
func FormsOf(evs []extract.Event) []Form {
	out := make([]Form, len(evs))
	var keys entityKeys // an article's events name the same few entities
	for i := range evs {
		out[i] = keys.formOf(&evs[i])
	}
	return out
}

// entityKeys remembers the actorKeys of the entities an article's events
// name (a handful: a list beats a map).
type entityKeys struct {
	ents []*extract.Entity
	keys [][]string
}

func (m *entityKeys) of(a *extract.Entity) []string {
	for i, e := range m.ents {
		if e == a {
			return m.keys[i]
		}
	}
	k := actorKeys(a)
	m.ents, m.keys = append(m.ents, a), append(m.keys, k)
	return k
}

func (m *entityKeys) formOf(e *extract.Event) Form {
	f := Form{Type: e.Type, Phone: e.Phone, Summit: e.Summit, Host: e.Host, Sides: e.Sides, Anchor: e.Anchor}
	// Room for every key once, in one allocation: each list keeps to its
	// own part of it (appending past its part copies).
	n := 0
	for _, a := range e.Actors {
		n += len(m.of(a)) + 1
		for _, x := range a.Members {
			n += len(m.of(x))
		}
	}
	if n > 0 {
		room := make([]string, 3*n)
		f.Agents, f.Parties, f.Keys = room[:0:n], room[n:n:2*n], room[2*n:2*n:3*n]
	}
	add := func(list *[]string, k string) {
		if !slices.Contains(*list, k) {
			*list = append(*list, k)
		}
	}
	for i, a := range e.Actors {
		for _, k := range m.of(a) {
			if i < e.Agents {
				add(&f.Agents, k)
			}
			add(&f.Parties, k)
			if i < 4 && (i < e.Agents || e.Type != model.Visit && e.Type != model.Statement) {
				add(&f.Keys, k)
			}
		}
		for _, x := range a.Members {
			for _, k := range m.of(x) {
				add(&f.Parties, k)
			}
		}
		if e.Type == model.Talks && a.Kind == model.Person && a.Country != "" && !a.Unnamed {
			// A leader stands for the country at a meeting: «قمة بين
			// الجزائر وتونس وليبيا» is the meeting of Tebboune, Saied and
			// al-Menfi.
			add(&f.Parties, countryKey(a.Country))
		}
	}
	if len(f.Agents) == 0 {
		f.Agents = nil
	}
	if len(f.Parties) == 0 {
		f.Parties = nil
	}
	if len(f.Keys) == 0 {
		f.Keys = nil
	}
	if e.Place != nil {
		f.Placed, f.AtPlace, f.PlaceKey = true, e.Place.Kind == model.Place, e.Place.Key
		f.Country = e.Place.Country
		if e.Place.Kind == model.Country {
			f.Country = e.Place.Name
		}
	}
	f.Lo, f.Hi = e.Date.Bounds()
	if e.Type == model.Visit || e.Depart {
		// Arriving one evening and received the next morning is one visit.
		f.Lo, f.Hi = f.Lo.AddDate(0, 0, -1), f.Hi.AddDate(0, 0, 1)
	}
	if e.Type == model.Statement {
		f.Words = e.Words
	}
	return f
}

// countryKey is the party key of a country named as written, remembered:
// folding it for every report of talks cost more than the rest of the
// item.
func countryKey(name string) string {
	if k, ok := countryKeys.Load(name); ok {
		return k.(string)
	}
	k := "c:" + arabic.Fold(name)
	if countryKeysHeld.Add(1) <= 1<<14 { // bounded: names come from articles
		countryKeys.Store(strings.Clone(name), k)
	}
	return k
}

var (
	countryKeys     sync.Map
	countryKeysHeld atomic.Int64
)

// fill makes it the item of an event of this form (scratch is a buffer
// to work in).
func (it *item) fill(f *Form, article, event int, ids *keyIDs, scratch *[]byte) {
	*it = item{article: int32(article), event: int32(event),
		agents: make(keySet, 0, len(f.Agents)), parties: make(keySet, 0, len(f.Parties))}
	for _, k := range f.Agents {
		it.agents.add(ids.of(k))
	}
	for _, k := range f.Parties {
		id := ids.of(k)
		if !it.parties.add(id) {
			continue
		}
		switch {
		case strings.HasPrefix(k, "s:"):
			it.spelled = append(it.spelled, id)
		case strings.HasPrefix(k, "k:") || strings.HasPrefix(k, "p:") || strings.HasPrefix(k, "r:"):
			it.people = append(it.people, id)
		}
	}
	it.typ, it.phone, it.summit, it.host, it.sides = f.Type, f.Phone, f.Summit, f.Host, int32(f.Sides)
	it.placed, it.atPlace, it.placeKey, it.country = f.Placed, f.AtPlace, f.PlaceKey, f.Country
	it.lo, it.hi, it.words, it.anchor = f.Lo, f.Hi, f.Words, int32(f.Anchor)
	*scratch = signature((*scratch)[:0], it)
	it.sigHash = hashSignature(*scratch)
	it.blocks = blocks(f.Keys, it, ids) // (the item keeps no list of the form's: a list held holds the form's lists)
}

// signature is everything compatible reads of an item, as a string: two
// items of one signature are compatible with the same items. (Wire copies
// of one report in many outlets make big groups of one signature.)
// It is appended to b (a scratch buffer).
func signature(b []byte, it *item) []byte {
	b = append(b, 0, byte(it.typ))
	for _, f := range []bool{it.phone, it.summit, it.host, it.placed, it.atPlace} {
		b = strconv.AppendBool(b, f)
	}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, int64(it.sides))
	str(it.placeKey)
	str(it.country)
	for _, t := range []time.Time{it.lo, it.hi} {
		b = binary.AppendVarint(b, t.Unix())
		b = binary.AppendVarint(b, int64(t.Nanosecond()))
	}
	for _, set := range []keySet{it.agents, it.parties} {
		b = binary.AppendUvarint(b, uint64(len(set)))
		for _, k := range set {
			b = binary.AppendUvarint(b, uint64(k))
		}
	}
	if it.typ == model.Statement {
		for _, w := range it.words {
			str(w)
		}
	}
	return b
}

// actorKeys are the keys an actor is matched by across articles: its
// canonical name, and for a transliterated name its first word with the
// skeleton of the rest (بيرللو meets بيرييلو).
func actorKeys(a *extract.Entity) []string {
	k := actorKey(a)
	switch {
	case k == "":
		return nil
	case strings.HasPrefix(k, "p:"):
		if words := strings.Fields(a.Key); len(words) >= 2 {
			return []string{k, "s:" + words[0] + " " + arabic.Skeleton(strings.Join(words[1:], " "))}
		}
	}
	return []string{k}
}

// actorKey is an actor's first key (its canonical name), "" for an actor
// never matched.
func actorKey(a *extract.Entity) string {
	id, ok := actorIDOf(a)
	switch {
	case !ok:
		return ""
	case id.tag == 'r':
		return "r:" + id.key + "@" + id.country
	}
	return string(id.tag) + ":" + id.key
}

// actorID is an actor's first key as its parts (actorKey without
// building the string): the actors of a merged event are told apart by it.
type actorID struct {
	tag          byte // c: a country, r: a role, p: a person not in the gazetteer, k: an entry
	key, country string
}

func actorIDOf(a *extract.Entity) (actorID, bool) {
	switch {
	case a.Unnamed || a.Kind == model.Media:
		return actorID{}, false
	case a.Kind == model.Place && a.Acts && a.Country != "":
		return actorID{tag: 'c', key: arabic.Fold(a.Country)}, true
	case a.Kind == model.Country:
		return actorID{tag: 'c', key: a.Key}, true
	case a.Role:
		return actorID{tag: 'r', key: a.Key, country: a.Country}, true
	case a.Kind == model.Person && a.Known == nil:
		return actorID{tag: 'p', key: a.Key}, true
	}
	return actorID{tag: 'k', key: a.Key}, true
}

// hashSignature is a signature as 128 bits: that two of a million
// reports of different signatures share them has a chance of about
// 10^-27, and an item keeps 16 bytes instead of its signature (a hundred
// megabytes at 100k articles, held through the merge's peak).
func hashSignature(s []byte) [2]uint64 {
	return [2]uint64{maphash.Bytes(sigSeeds[0], s), maphash.Bytes(sigSeeds[1], s)}
}

var sigSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// cluster groups compatible items with union-find over blocks.
func cluster(items []*item) [][]*item {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Group state kept at the root: its members, for the constraints, and
	// the window every member allows (the latest start, the earliest end)
	// and the latest end, so that dates are checked without a pass over
	// the members.
	members := make([][]int, len(items))
	win := make([]window, len(items))
	// Also its articles, sorted, and one member of each signature: whether
	// two groups fit is decided on these, not on every pair of members.
	arts := make([][]int, len(items))
	reps := make([][]int, len(items))
	// What the sweep reads of every item, side by side (an item is far
	// from the next in memory): its start, the cut 15 days before it,
	// whether it is a statement.
	lo, cut := make([]instant, len(items)), make([]instant, len(items))
	statement := make([]bool, len(items))
	sig := make([][2]uint64, len(items)) // each item's signature (sigHash)
	ones := make([]int, 3*len(items))    // each list's first element (a list that grows is copied out)
	// What every report of a group shares, by its root (see refuses).
	traits := make([]traits, len(items))
	countries := map[string]int32{}
	for i, it := range items {
		traits[i] = traitsOf(it, countries)
		// A group that ends 15 days before an item's start is out of its reach.
		lo[i], cut[i], statement[i], sig[i] = instantOf(it.lo), instantOf(it.lo.AddDate(0, 0, -15)), it.typ == model.Statement, it.sigHash
		win[i] = window{lo: lo[i], hi: instantOf(it.hi), end: instantOf(it.hi)}
		ones[3*i], ones[3*i+1], ones[3*i+2] = i, int(it.article), i
		members[i], arts[i], reps[i] = ones[3*i:3*i+1:3*i+1], ones[3*i+1:3*i+2:3*i+2], ones[3*i+2:3*i+3:3*i+3]
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if len(members[ra]) < len(members[rb]) {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		members[ra] = append(members[ra], members[rb]...)
		members[rb] = nil
		win[ra] = win[ra].join(win[rb])
		traits[ra] = traits[ra].join(traits[rb])
		arts[ra] = unionSorted(arts[ra], arts[rb])
		arts[rb] = nil
		for _, y := range reps[rb] {
			if !slices.ContainsFunc(reps[ra], func(x int) bool { return sig[x] == sig[y] }) {
				reps[ra] = append(reps[ra], y)
			}
		}
		reps[rb] = nil
	}
	blocks := map[block][]int{}
	var order []block
	for i, it := range items {
		for _, bk := range it.blocks {
			if _, ok := blocks[bk]; !ok {
				order = append(order, bk)
			}
			blocks[bk] = append(blocks[bk], i)
		}
	}
	mark, stamp := make([]int, len(items)), 0
	for _, bk := range order {
		idx := blocks[bk]
		if len(idx) < 2 {
			continue
		}
		// By start, then by order: the stable order, sorted faster.
		slices.SortFunc(idx, func(x, y int) int {
			if c := cmp.Compare(lo[x].sec, lo[y].sec); c != 0 {
				return c
			}
			if c := cmp.Compare(lo[x].nsec, lo[y].nsec); c != 0 {
				return c
			}
			return cmp.Compare(x, y)
		})
		var open []int // roots still reachable by date
		for _, i := range idx {
			kept := open[:0]
			for _, o := range open {
				r := find(o)
				if win[r].end.before(cut[i]) || behind(win[r], lo[i]) {
					continue // this group can no longer meet anything later
				}
				kept = append(kept, r)
			}
			open = kept
			joined := false
			ri := find(i) // (until it joins a group)
			for _, r := range open {
				if ri == r {
					joined = true
					break
				}
				if statement[i] && !subBefore(lo[i], win[r].end, statementGap) {
					continue // every member is a statement too early for this one (compatible)
				}
				if traits[ri].refuses(traits[r], win[ri], win[r]) {
					continue // (fits would say no, at greater cost)
				}
				if fits(items, win[ri].join(win[r]), arts[ri], arts[r], reps[ri], reps[r]) {
					union(i, r)
					joined = true
					break
				}
			}
			if !joined {
				open = append(open, find(i))
			}
			stamp++
			open = dedupRoots(open, find, mark, stamp)
		}
	}
	var groups [][]*item
	slab := make([]*item, 0, len(items)) // every group's items, one allocation
	for i := range items {
		if find(i) != i {
			continue
		}
		from := len(slab)
		for _, m := range members[i] {
			slab = append(slab, items[m])
		}
		g := slab[from:len(slab):len(slab)]
		slices.SortStableFunc(g, func(a, b *item) int {
			if c := cmp.Compare(a.article, b.article); c != 0 {
				return c
			}
			return cmp.Compare(a.anchor, b.anchor)
		})
		groups = append(groups, g)
	}
	return groups
}

// behind reports whether a group's window ends more than two weeks
// before lo, the start of the report the sweep is at: no day then fits the
// group and that report, nor the group and any report after it (fits), so
// the sweep of the block stops trying it. The report's own group is never
// behind: every group's window passed fits, and the report's start is in
// its window.
func behind(w window, lo instant) bool {
	return !w.hi.isZero() && w.hi.before(lo) && subBefore(w.hi, lo, -14*24*time.Hour)
}

// traits are what every report of a group shares, for a test that spares
// fits most of the pairs it refuses, without reaching into their items:
// the country of their place (a number, 0: none named), whether they
// were calls, and whether any may be one occasion with a report whose
// days it does not share (occasion). Every two reports of a group passed
// compatible, which requires the same call and the same country if both
// name one.
type traits struct {
	country  int32
	phone    bool
	occasion bool
}

// traitsOf is an item's traits; countries numbers the countries.
func traitsOf(it *item, countries map[string]int32) traits {
	t := traits{phone: it.phone}
	if it.country != "" {
		c, ok := countries[it.country]
		if !ok {
			c = int32(len(countries) + 1)
			countries[it.country] = c
		}
		t.country = c
	}
	// compatible's first report, when the two are apart, must be a
	// statement, or be one occasion with the other (sameOccasion), for
	// which a visit needs its place and a meeting two people.
	switch it.typ {
	case model.Statement:
		t.occasion = true
	case model.Visit:
		t.occasion = it.atPlace
	case model.Talks:
		t.occasion = len(it.people) >= 2
	}
	return t
}

func (t traits) join(u traits) traits {
	if t.country == 0 {
		t.country = u.country
	}
	t.occasion = t.occasion || u.occasion
	return t
}

// refuses reports whether fits would refuse the groups of traits t and u
// with windows tw and uw, t's group being the one whose reports come
// first to compatible: a call and not a call, two countries, or a report
// of t's that can be no occasion apart from its own days (none can) and
// a report of u's whose days it does not share. (A window starts at its
// latest report's start and ends at its earliest end: those reports are
// a group's, each with a report of its signature among the group's reps,
// which fits compares.)
func (t traits) refuses(u traits, tw, uw window) bool {
	if t.phone != u.phone || t.country != 0 && u.country != 0 && t.country != u.country {
		return true
	}
	apart := !uw.hi.isZero() && uw.hi.before(tw.lo) || !tw.hi.isZero() && tw.hi.before(uw.lo)
	return apart && !t.occasion
}

// dedupRoots keeps each root once; mark (one entry per item) and stamp,
// a number new to every call, say which roots were seen.
func dedupRoots(roots []int, find func(int) int, mark []int, stamp int) []int {
	out := roots[:0]
	for _, r := range roots {
		r = find(r)
		if mark[r] != stamp {
			mark[r] = stamp
			out = append(out, r)
		}
	}
	return out
}

// window is what a group's dates allow: every member's range contains
// [lo, hi] when lo is not after hi; end is the latest member's end.
type window struct{ lo, hi, end instant }

func (w window) join(v window) window {
	// An undated report (zero bounds) allows any day.
	if w.lo.isZero() || w.lo.before(v.lo) {
		w.lo = v.lo
	}
	if w.hi.isZero() || !v.hi.isZero() && v.hi.before(w.hi) {
		w.hi = v.hi
	}
	if w.end.before(v.end) {
		w.end = v.end
	}
	return w
}

// instant is a time as the sweep compares it: in 12 bytes, without a
// zone (time.Time's 24 bytes for a location it never reads).
type instant struct {
	sec  int64 // Unix seconds
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

// zeroSec is the zero time.Time's Unix seconds.
var zeroSec = time.Time{}.Unix()

func (t instant) isZero() bool { return t.sec == zeroSec && t.nsec == 0 }

func (t instant) before(u instant) bool { return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec }

// subBefore reports whether t.Sub(u) < d, as time.Time's Sub says it
// (which saturates: past some 292 years it compares as the true
// difference does).
func subBefore(t, u instant, d time.Duration) bool {
	ds, dn := t.sec-u.sec, int64(t.nsec)-int64(u.nsec)
	if dn < 0 {
		ds, dn = ds-1, dn+int64(time.Second)
	}
	s, n := int64(d/time.Second), int64(d%time.Second)
	if n < 0 {
		s, n = s-1, n+int64(time.Second)
	}
	return ds < s || ds == s && dn < n
}

// fits reports whether two groups can be one event: no two events of one
// article (arts: each group's articles, sorted), a day every report allows
// (w is the two groups' joined window), and every pair of reports
// compatible (reps: one report of each signature in each group, which
// answers for every report of that signature).
func fits(items []*item, w window, artsA, artsB, repsA, repsB []int) bool {
	if w.hi.before(w.lo) && subBefore(w.hi, w.lo, -14*24*time.Hour) {
		return false // no day every report allows, nor two weeks apart
	}
	small, big := artsA, artsB
	if len(small) > len(big) {
		small, big = big, small
	}
	for _, a := range small {
		if _, found := slices.BinarySearch(big, a); found {
			return false
		}
	}
	for _, x := range repsA {
		for _, y := range repsB {
			if !compatible(items[x], items[y]) {
				return false
			}
		}
	}
	return true
}

// unionSorted returns the sorted union of two sorted lists of distinct
// numbers, a few inserted into a long one in place (a group that grows
// report by report is not copied each time).
func unionSorted(a, b []int) []int {
	if len(b) <= 8 {
		for _, x := range b {
			if i, found := slices.BinarySearch(a, x); !found {
				a = slices.Insert(a, i, x)
			}
		}
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// statementGap is the time from one statement's end to another's start
// at which they are never one, whatever their words.
const statementGap = 3 * 24 * time.Hour

// compatible reports whether two articles' events can be one event. Its
// tests are all required; the cheapest come first.
func compatible(a, b *item) bool {
	if a.typ != b.typ || a.phone != b.phone {
		return false
	}
	if a.country != "" && b.country != "" && a.country != b.country {
		return false
	}
	if a.typ == model.Talks && !(a.summit && b.summit) && a.atPlace && b.atPlace && a.placeKey != b.placeKey {
		return false // a meeting in Najaf and one in Baghdad are two meetings
	}
	if (a.typ == model.Visit || a.typ == model.Statement) && !shares(a.agents, b.agents) {
		return false
	}
	apart := a.lo.After(b.hi) || b.lo.After(a.hi)
	if a.typ == model.Statement {
		// A person says something new every day: statements apart in time
		// are one only when two outlets carry the same words a day apart;
		// at the same time, only when their words do not tell them apart.
		sim, n := similarity(a.words, b.words)
		if apart && (gapDays(a, b) >= int(statementGap/(24*time.Hour)) || sim < 0.5) || !apart && n >= 6 && sim < 0.12 {
			return false
		}
	} else if apart && !sameOccasion(a, b) {
		// A visit or a meeting reported a day apart may be one occasion.
		return false
	}
	if a.typ == model.Visit || a.typ == model.Statement {
		return true
	}
	if a.summit && b.summit && a.country != "" && a.country == b.country {
		return true // the same summit, whoever each report names
	}
	na, nb := len(a.people), len(b.people)
	if na > 0 && nb > 0 {
		// People on both sides: they must meet, whatever countries they share.
		if !sharesPeople(a, b) {
			return false
		}
	} else if common(a.parties, b.parties) < 2 && !(na == 0 && nb == 0 && shares(a.parties, b.parties)) {
		// A meeting told by its countries («قمة بين الجزائر وتونس وليبيا») is
		// the meeting of their leaders when two or more of them agree.
		return false
	}
	if a.sides > 0 && b.sides > 0 && a.sides != b.sides {
		return false
	}
	if a.summit != b.summit && (a.host || b.host) {
		return false
	}
	if a.summit != b.summit {
		// A meeting of two on a summit's sidelines is not the summit.
		x, y := a, b
		if a.summit {
			x, y = b, a
		}
		if len(x.people) == 2 && len(y.parties) >= 3 {
			return false
		}
	}
	if na >= 2 && nb >= 2 && !subsetPeople(a, b) && !subsetPeople(b, a) && commonPeople(a, b) < 2 {
		return false
	}
	return true
}

func sharesPeople(a, b *item) bool { return commonPeople(a, b) > 0 }

func commonPeople(a, b *item) int {
	n := 0
	for _, k := range a.people {
		if b.parties.has(k) {
			n++
		}
	}
	for _, k := range a.spelled {
		if b.parties.has(k) {
			n++ // a transliterated name that outlets spell apart
		}
	}
	return n
}

// subsetPeople reports whether every person of a takes part in b.
func subsetPeople(a, b *item) bool {
	for _, k := range a.people {
		if !b.parties.has(k) {
			return false
		}
	}
	return true
}

// sameOccasion reports whether two reports whose dates disagree are still
// one event: the same visitor to the same city, or the same people meeting,
// within two weeks. Outlets get days wrong («في الـ4 نيسان» against «يوم
// 15 نيسان»); the disagreement becomes a conflict.
func sameOccasion(a, b *item) bool {
	gap := a.lo.Sub(b.hi)
	if b.lo.After(a.hi) {
		gap = b.lo.Sub(a.hi)
	}
	if gap > 14*24*time.Hour {
		return false
	}
	switch a.typ {
	case model.Visit:
		return a.atPlace && b.placed && a.placeKey == b.placeKey && shares(a.agents, b.agents)
	case model.Talks:
		return len(a.people) >= 2 && len(b.people) >= 2 && (subsetPeople(a, b) || subsetPeople(b, a))
	}
	return false
}

// similarity is the share of the smaller word set found in the other,
// and the size of that smaller set.
func similarity(a, b []string) (float64, int) {
	if len(b) < len(a) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0, 0
	}
	return float64(common(a, b)) / float64(len(a)), len(a)
}

// gapDays is how many days lie between two items' bounds.
func gapDays(a, b *item) int {
	gap := a.lo.Sub(b.hi)
	if b.lo.After(a.hi) {
		gap = b.lo.Sub(a.hi)
	}
	return int(gap.Hours() / 24)
}

// keyIDs numbers actor keys (and signatures), so that sets of them
// compare as integers. It is safe for concurrent use; which number a key
// gets does not matter, only that equal keys get equal numbers.
type keyIDs struct {
	// Shards by the key's hash, each with its own lock: every core asks
	// for a number per actor key of every report at once.
	shards [keyShards]struct {
		mu sync.Mutex
		m  map[string]int32
	}
	seed maphash.Seed
}

const keyShards = 16

func newKeyIDs() *keyIDs {
	ids := &keyIDs{seed: maphash.MakeSeed()}
	for i := range ids.shards {
		ids.shards[i].m = map[string]int32{}
	}
	return ids
}

func (ids *keyIDs) of(k string) int32 {
	n := int32(maphash.String(ids.seed, k) % keyShards)
	sh := &ids.shards[n]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	id, ok := sh.m[k]
	if !ok {
		id = int32(len(sh.m))*keyShards + n // unique across shards
		sh.m[k] = id
	}
	return id
}

// keySet is a small set of actor keys (their numbers), sorted.
type keySet []int32

// add adds k and reports whether it was new.
func (s *keySet) add(k int32) bool {
	i, found := slices.BinarySearch(*s, k)
	if !found {
		*s = slices.Insert(*s, i, k)
	}
	return !found
}

func (s keySet) has(k int32) bool {
	for _, x := range s {
		if x == k {
			return true
		}
	}
	return false
}

func shares(a, b keySet) bool { return common(a, b) > 0 }

// common is the number of elements in both of two sorted lists, each
// element in a list once (key sets, a statement's words).
func common[T cmp.Ordered](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// build assembles one timeline event from its reports.
// report is one article's report of an event, as the merged event is
// built from it.
type report struct {
	ev      *extract.Event
	article int
}

func build(g []report) model.Event {
	ev := model.Event{Type: g[0].ev.Type}
	ev.Date, ev.Conflicts = date(g)
	// Actors: agents first, people first, by how many reports name them
	// (a handful: a list beats a map).
	type actor struct {
		id    actorID
		a     model.Actor
		score int
	}
	var actors []actor
	for _, it := range g {
		for i, a := range it.ev.Actors {
			id, ok := actorIDOf(a)
			if !ok {
				continue
			}
			k := slices.IndexFunc(actors, func(x actor) bool { return x.id == id })
			if k < 0 {
				k = len(actors)
				actors = append(actors, actor{id: id, a: a.Actor()})
			}
			if i < it.ev.Agents {
				actors[k].score += 100
			}
			actors[k].score++
		}
	}
	slices.SortStableFunc(actors, func(x, y actor) int {
		if px, py := x.a.Kind == model.Person, y.a.Kind == model.Person; px != py {
			if px {
				return -1
			}
			return 1
		}
		return cmp.Compare(y.score, x.score)
	})
	if len(actors) > 0 {
		ev.Actors = make([]model.Actor, len(actors))
		for k := range actors {
			ev.Actors[k] = actors[k].a
		}
	}
	nm, nc := 0, 0
	for _, it := range g {
		nm, nc = nm+len(it.ev.Mentions), nc+len(it.ev.Conflicts)
	}
	if len(g) > 1 {
		ev.Mentions = make([]model.Mention, 0, nm)
	}
	if nc > 0 {
		ev.Conflicts = slices.Grow(ev.Conflicts, nc)
	}
	places := map[string]int{}
	best := 0.0
	reported, planned, disputed := false, false, false
	gist := ""
	for _, it := range g {
		if p := it.ev.Place; p != nil {
			places[p.Name]++
			if places[p.Name] > places[ev.Place] || ev.Place == "" || places[p.Name] == places[ev.Place] && p.Kind == model.Place {
				ev.Place = p.Name
			}
		}
		switch it.ev.Status {
		case model.Disputed:
			disputed = true
		case model.Planned:
			planned = true
		default:
			reported = true
		}
		if gist == "" {
			gist = it.ev.Gist
		}
		best = max(best, it.ev.Confidence)
		if len(g) == 1 {
			ev.Mentions = it.ev.Mentions // one report: its mentions, shared (read only from here on)
		} else {
			ev.Mentions = append(ev.Mentions, it.ev.Mentions...)
		}
		ev.Conflicts = append(ev.Conflicts, it.ev.Conflicts...)
	}
	switch {
	case disputed:
		ev.Status = model.Disputed
	case reported:
		ev.Status = model.Reported
	case planned:
		ev.Status = model.Planned
	}
	sources := map[int]bool{}
	for _, it := range g {
		sources[it.article] = true
	}
	ev.Confidence = math.Round(min(1, best+0.1*float64(len(sources)-1))*100) / 100
	ev.Conflicts = append(ev.Conflicts, conflicts(g)...)
	if len(ev.Conflicts) > 8 {
		ev.Conflicts = ev.Conflicts[:8]
	}
	ev.Summary = Summary(&ev, gist)
	// Stable across runs: the first report, down to its trigger.
	var b []byte
	b = strconv.AppendInt(b, int64(ev.Type), 10)
	b = append(b, '|')
	b = append(b, g[0].ev.Source...)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(g[0].ev.Anchor), 10)
	h := fnv.New64a()
	h.Write(b)
	b = append(b[:0], ev.Type.String()[:1]...)
	b = append(b, '-')
	hex := strconv.FormatUint(h.Sum64()&0xffffffffffff, 16)
	b = append(b, "000000000000"[len(hex):]...)
	ev.ID = string(append(b, hex...))
	return ev
}

// date is the group's date: the strongest report's; a visit's arrival
// beats its departure. Reports of equal top strength that name different
// days leave the day open: the value becomes the month (or year) they
// share, and the disagreement is a conflict.
func date(g []report) (model.Date, []model.Conflict) {
	bi := 0
	for i, it := range g[1:] {
		e, b := it.ev, g[bi].ev
		if e.Strength > b.Strength || e.Strength == b.Strength && b.Depart && !e.Depart ||
			e.Strength == b.Strength && e.Depart == b.Depart && e.Date.Precision > b.Date.Precision {
			bi = i + 1
		}
	}
	best := g[bi]
	d := best.ev.Date
	var out []model.Conflict
	if best.ev.Strength < 4 || d.Precision != model.Day {
		return d, nil
	}
	for i, it := range g {
		e := it.ev
		if i == bi || e.Strength != best.ev.Strength || e.Depart != best.ev.Depart || e.Date.Precision != model.Day || e.Date.Start.Equal(d.Start) {
			continue
		}
		out = append(out, model.Conflict{Field: "date",
			A: model.Side{Value: d.String(), Mention: firstMention(best.ev)},
			B: model.Side{Value: e.Date.String(), Mention: firstMention(e)}})
		lo, hi := d.Start, e.Date.Start
		if hi.Before(lo) {
			lo, hi = hi, lo
		}
		span := model.Span(lo, hi)
		if !span.Known() {
			span = model.YearOf(lo.Year())
		}
		span.Basis, span.Expr, span.Modifier = d.Basis, d.Expr, model.Approx
		span.Earliest, span.Latest = lo, hi
		d = span
	}
	return d, out
}

func firstMention(e *extract.Event) model.Mention {
	if len(e.Mentions) == 0 {
		return model.Mention{Source: e.Source}
	}
	return e.Mentions[0]
}

// conflicts compares the reports of different sources: the time of day
// they give and the place.
func conflicts(g []report) []model.Conflict {
	var out []model.Conflict
	seen := map[string]bool{}
	add := func(field, va, vb string, a, b report) {
		if va == vb || va == "" || vb == "" {
			return
		}
		k := field + "|" + min(va, vb) + "|" + max(va, vb)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, model.Conflict{Field: field,
			A: model.Side{Value: va, Mention: firstMention(a.ev)}, B: model.Side{Value: vb, Mention: firstMention(b.ev)}})
	}
	if len(g) > 32 {
		g = g[:32]
	}
	for i, a := range g {
		for _, b := range g[i+1:] {
			if a.article == b.article {
				continue
			}
			if da, db := a.ev.Date, b.ev.Date; a.ev.Strength >= 4 && b.ev.Strength >= 4 && da.TimeOfDay != "" && db.TimeOfDay != "" &&
				da.TimeOfDay != db.TimeOfDay {
				add("time of day", timeValue(da), timeValue(db), a, b)
			}
			if pa, pb := a.ev.Place, b.ev.Place; pa != nil && pb != nil && pa.Kind == model.Place && pb.Kind == model.Place &&
				pa.Name != pb.Name && pa.Country != pb.Name && pb.Country != pa.Name {
				add("place", pa.Name, pb.Name, a, b)
			}
		}
	}
	return out
}

// timeValue is a time of day as the report words it («ظهر اليوم
// الثلاثاء»), or its key (noon) when no words gave it: the same in every
// language of the interface. Times of day are compared by key.
func timeValue(d model.Date) string {
	if d.Expr != "" {
		return d.Expr
	}
	return d.TimeOfDay
}
