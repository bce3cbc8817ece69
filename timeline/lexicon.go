package timeline

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"khatt/model"
)

//go:embed data/*.txt
var dataFS embed.FS

// LexiconFiles names the data files a lexicon is built from; a directory
// given to LoadLexicon may hold any of them to replace the embedded one.
var LexiconFiles = []string{"triggers.txt", "cues.txt", "gazetteer.txt", "calendar.txt", "names.txt"}

// Entity is a gazetteer entry.
type Entity struct {
	Name      string
	Kind      model.ActorKind
	StandsFor string // for a place: the government it stands for when it acts
}

// Actor returns the entity as a model actor.
func (e *Entity) Actor() model.Actor { return model.Actor{Name: e.Name, Kind: e.Kind} }

type triggerInfo struct {
	typ          model.EventType
	verb         bool
	continuation bool
	needsPlace   bool   // only an event when a place is named with it (وصل)
	host         bool   // the subject receives the visitor (استقبل)
	objectOnly   bool   // the actor is the noun's object, never a subject before it (إرسال)
	needs        string // a preposition that must follow within a few words: "with", "to", "about"
}

type timeOfDay struct{ key, word string }

// Lexicon holds everything the extractor knows about words: triggers, cue
// words, the gazetteer and the calendar. Build one with LoadLexicon.
type Lexicon struct {
	triggers   matcher[triggerInfo]
	exclude    map[string]bool
	entities   matcher[*Entity]
	adjectives matcher[*Entity] // nationality adjective → country
	byName     map[string]*Entity
	titles     matcher[bool]
	anaphors   map[string]bool
	unnamed    map[string]bool
	planned    matcher[bool]
	stop       map[string]bool
	rawStop    map[string]bool // stop words as written, before hamza and ى folding
	light      map[string]bool
	instNouns  map[string]bool
	government map[string]bool
	given      matcher[bool]
	months     matcher[int]
	hijri      matcher[int]
	weekdays   matcher[int]
	times      matcher[timeOfDay]
}

// DefaultLexicon returns the embedded lexicon. It panics only if the
// embedded files are broken, which the tests rule out.
func DefaultLexicon() *Lexicon {
	lx, err := LoadLexicon(nil)
	if err != nil {
		panic(err)
	}
	return lx
}

// LoadLexicon builds a lexicon from the embedded data files, each replaced
// by the file of the same name in override when override holds one.
func LoadLexicon(override fs.FS) (*Lexicon, error) {
	lx := &Lexicon{
		exclude: map[string]bool{}, byName: map[string]*Entity{},
		anaphors: map[string]bool{}, unnamed: map[string]bool{}, stop: map[string]bool{}, rawStop: map[string]bool{},
		light: map[string]bool{}, instNouns: map[string]bool{}, government: map[string]bool{},
	}
	lx.triggers.suffixes = true
	for _, name := range LexiconFiles {
		var f fs.File
		var err error
		src := "embedded data/" + name
		if override != nil {
			f, err = override.Open(name)
			if err == nil {
				src = name
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("lexicon %s: %w", name, err)
			}
		}
		if f == nil {
			if f, err = dataFS.Open("data/" + name); err != nil {
				return nil, fmt.Errorf("lexicon %s: %w", name, err)
			}
		}
		err = lx.read(src, name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// read parses one data file: "# comments", "[section]" headers and one
// entry per line.
func (lx *Lexicon) read(src, name string, r fs.File) error {
	sc := bufio.NewScanner(r)
	section := ""
	if name == "gazetteer.txt" || name == "names.txt" {
		section = name
	}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]") {
			section = strings.TrimSpace(text[1 : len(text)-1])
			continue
		}
		if err := lx.entry(section, text); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", src, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s: %w", src, err)
	}
	return nil
}

func (lx *Lexicon) entry(section, text string) error {
	if typ, kind, ok := strings.Cut(section, " "); ok && (kind == "verb" || kind == "noun") {
		t, err := model.ParseEventType(typ)
		if err != nil {
			return err
		}
		info := triggerInfo{typ: t, verb: kind == "verb"}
		words := strings.Fields(text)
		for len(words) > 0 && strings.HasPrefix(words[len(words)-1], "+") {
			switch words[len(words)-1] {
			case "+place":
				info.needsPlace = true
			case "+host":
				info.host = true
			case "+object":
				info.objectOnly = true
			case "+with", "+to", "+about":
				info.needs = strings.TrimPrefix(words[len(words)-1], "+")
			default:
				return fmt.Errorf("unknown trigger flag %q (want +place, +host, +object, +with, +to or +about)", words[len(words)-1])
			}
			words = words[:len(words)-1]
		}
		lx.triggers.add(strings.Join(words, " "), info)
		return nil
	}
	switch section {
	case "continuation":
		lx.triggers.add(text, triggerInfo{typ: model.Statement, verb: true, continuation: true})
	case "exclude":
		lx.exclude[Normalize(text)] = true
	case "title":
		lx.titles.add(text, true)
		if !strings.HasSuffix(Normalize(text), "ه") {
			lx.titles.add(text+"ة", true) // سفير → سفيرة, المبعوث → المبعوثة
		}
	case "anaphor":
		lx.anaphors[Normalize(text)] = true
	case "unnamed":
		for _, f := range cliticForms(Normalize(text)) {
			lx.unnamed[f] = true
		}
	case "planned":
		lx.planned.add(text, true)
	case "stop":
		lx.stop[Normalize(text)] = true
		lx.rawStop[stripMarks(text)] = true
	case "light":
		lx.light[Normalize(text)] = true
	case "institution":
		for _, f := range cliticForms(Normalize(text)) {
			lx.instNouns[f] = true
		}
	case "government":
		lx.government[Normalize(text)] = true
	case "names.txt":
		lx.given.add(text, true)
	case "gazetteer.txt":
		return lx.gazetteerEntry(text)
	case "months", "hijri months", "weekdays":
		fields := splitFields(text)
		n, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) < 2 {
			return fmt.Errorf("want \"NUMBER | word | word…\", got %q", text)
		}
		m := map[string]*matcher[int]{"months": &lx.months, "hijri months": &lx.hijri, "weekdays": &lx.weekdays}[section]
		for _, w := range fields[1:] {
			m.add(w, n)
		}
	case "times of day":
		fields := splitFields(text)
		for _, w := range fields[1:] {
			lx.times.add(w, timeOfDay{key: fields[0], word: w})
		}
	default:
		return fmt.Errorf("entry outside a known section (%q)", section)
	}
	return nil
}

func (lx *Lexicon) gazetteerEntry(text string) error {
	fields := splitFields(text)
	if len(fields) < 2 {
		return fmt.Errorf("want \"kind | name | alias…\", got %q", text)
	}
	kind := model.ActorKind(fields[0])
	switch kind {
	case model.Person, model.Organisation, model.Country, model.Place, model.Media:
	default:
		return fmt.Errorf("unknown kind %q (want person, organisation, country, place or media)", fields[0])
	}
	e := &Entity{Kind: kind}
	last := fields[len(fields)-1]
	if name, stands, ok := strings.Cut(last, "=>"); ok {
		fields[len(fields)-1] = strings.TrimSpace(name)
		e.StandsFor = strings.TrimSpace(stands)
	}
	e.Name = fields[1]
	if prev, dup := lx.byName[Normalize(e.Name)]; dup {
		e = prev // a repeated line adds aliases
	}
	lx.byName[Normalize(e.Name)] = e
	for _, f := range fields[1:] {
		if adj, ok := strings.CutPrefix(f, "adj:"); ok {
			for _, a := range strings.Fields(adj) {
				lx.adjectives.add(a, e)
			}
			continue
		}
		if f != "" {
			lx.entities.add(f, e)
		}
	}
	return nil
}

// Entity returns the gazetteer entry with this canonical name, or nil.
func (lx *Lexicon) Entity(name string) *Entity { return lx.byName[Normalize(name)] }

// stripMarks removes harakat and tatweel only: "على" stays apart from "علي".
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func splitFields(text string) []string {
	fields := strings.Split(text, "|")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}

// matcher finds lexicon phrases in token sequences. Phrases are stored
// normalised; a token matches a phrase word when one of its clitic forms
// equals it (or, with suffixes, equals it plus a suffix).
type matcher[V any] struct {
	first    map[string][]int
	phrases  []phrase[V]
	suffixes bool
}

type phrase[V any] struct {
	words []string
	val   V
}

func (m *matcher[V]) add(text string, v V) {
	words := strings.FieldsFunc(Normalize(text), func(r rune) bool { return !isWordRune(r) })
	if len(words) == 0 {
		return
	}
	if m.first == nil {
		m.first = map[string][]int{}
	}
	m.first[words[0]] = append(m.first[words[0]], len(m.phrases))
	m.phrases = append(m.phrases, phrase[V]{words: words, val: v})
}

// match returns the longest phrase that starts at toks[i], with the number
// of tokens it spans (0 when none matches). Punctuation never matches.
func (m *matcher[V]) match(toks []Token, i int) (v V, n int) {
	pi, n := m.matchIndex(toks, i)
	if n == 0 {
		return v, 0
	}
	return m.phrases[pi].val, n
}

// matchIndex is match returning the index of the phrase found.
func (m *matcher[V]) matchIndex(toks []Token, i int) (pi, n int) {
	if i < 0 || i >= len(toks) || toks[i].Kind == Punct || m.first == nil {
		return -1, 0
	}
	best := -1
	m.eachFirst(toks[i], func(pi int) {
		p := m.phrases[pi]
		if len(p.words) <= n || i+len(p.words) > len(toks) {
			return
		}
		for k := 1; k < len(p.words); k++ {
			if !m.tokenIs(toks[i+k], p.words[k]) {
				return
			}
		}
		best, n = pi, len(p.words)
	})
	if best < 0 {
		return -1, 0
	}
	return best, n
}

// eachFirst calls fn for every phrase whose first word the token can be.
func (m *matcher[V]) eachFirst(t Token, fn func(int)) {
	visit := func(key string) {
		for _, pi := range m.first[key] {
			fn(pi)
		}
	}
	for _, f := range t.Forms {
		visit(f)
		if !m.suffixes {
			continue
		}
		for _, s := range suffixes {
			stem, ok := strings.CutSuffix(f, s)
			if !ok || len(stem) < 4 { // two Arabic letters
				continue
			}
			visit(stem)
			if t, ok := strings.CutSuffix(stem, "ت"); ok && len(t) >= 4 {
				visit(t + "ه")
			}
		}
	}
}

func (m *matcher[V]) tokenIs(t Token, w string) bool {
	if t.Kind == Punct {
		return false
	}
	for _, f := range t.Forms {
		if f == w {
			return true
		}
		if !m.suffixes {
			continue
		}
		rest, ok := strings.CutPrefix(f, w)
		if !ok {
			if base, isTa := strings.CutSuffix(w, "ه"); isTa {
				rest, ok = strings.CutPrefix(f, base+"ت")
			}
		}
		if ok && isSuffix(rest) {
			return true
		}
	}
	return false
}

func isSuffix(s string) bool {
	for _, x := range suffixes {
		if s == x {
			return true
		}
	}
	return false
}
