// Package lexicon holds every table khatt's extractor reads: trigger
// words, cue words, the gazetteer, the people it knows, given names and
// the calendar. The tables are data files embedded from data/; a directory
// given to Load replaces them file by file. No stage keeps words of its
// own beyond Arabic's closed-class grammar.
package lexicon

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"khatt/arabic"
	"khatt/model"
)

//go:embed data/*.txt
var dataFS embed.FS

// Files names the data files a lexicon is built from, in load order.
var Files = []string{"calendar.txt", "triggers.txt", "cues.txt", "gazetteer.txt", "people.txt", "names.txt"}

// maxFileSize bounds a lexicon file read from disk.
const maxFileSize = 8 << 20

// Entity is a gazetteer entry or a person the lexicon knows.
type Entity struct {
	Name      string          // canonical name, as displayed
	Kind      model.ActorKind // person, organisation, country, place, media
	StandsFor string          // a capital or institution: the government it stands for when it acts
	In        string          // a place: the country it lies in; a person: the country they serve
	Latin     []string        // Latin spellings, for search
	Acts      bool            // an institution that acts through its building (البيت الأبيض)
	Key       string          // arabic.Fold(Name), set by Load
}

// Actor returns the entity as a model actor.
func (e *Entity) Actor() model.Actor { return model.Actor{Name: e.Name, Kind: e.Kind} }

// Country is the country the entity belongs to or stands for, if known.
func (e *Entity) Country() string {
	switch {
	case e.Kind == model.Country:
		return e.Name
	case e.StandsFor != "":
		return e.StandsFor
	}
	return e.In
}

// Flag is a property of a trigger word.
type Flag uint32

// Trigger flags, as written in triggers.txt after the phrase.
const (
	NeedsPlace   Flag = 1 << iota // +place: an event only with a destination or venue (وصل)
	Host                          // +host: the subject receives the guest (استقبل)
	ObjectActor                   // +object: the actor is the noun's object (إرسال قاآني)
	Depart                        // +depart: leaving for the place (غادر، توجه): arrival on or after
	Arrive                        // +arrive: arriving (وصل، حل، حط): the visit's day
	Phone                         // +phone: a call, not a meeting in person
	Summit                        // +summit: a multilateral gathering known by place and day (قمة)
	Deny                          // +deny: the content did not happen (نفى)
	Position                      // +position: takes a stand (رحب، ندد، حث): never a mere readout
	Report                        // +report: a neutral report (ذكر، أفاد): a readout when an institution says it
	Continue                      // +continue: carries on the last speaker (أضاف)
	Post                          // +post: written on social media (غرد، كتب في تغريدة)
	Start                         // +start: the start of a visit or round (بدأ، استهل)
	PersonObject                  // +person: with a person as object it is talks, not a visit (زار محمد بن راشد)
	Venue                         // +venue: the subject hosts the meeting (تستضيف بغداد القمة)
	Return                        // +return: going back (عاد): a visit only for one known to be foreign there
)

var flagNames = map[string]Flag{"+place": NeedsPlace, "+host": Host, "+object": ObjectActor, "+depart": Depart,
	"+arrive": Arrive, "+phone": Phone, "+summit": Summit, "+deny": Deny, "+position": Position, "+report": Report,
	"+continue": Continue, "+post": Post, "+start": Start, "+person": PersonObject, "+venue": Venue,
	"+return": Return}

// Trigger is what a trigger word says about the event it reports.
type Trigger struct {
	Type  model.EventType
	Verb  bool
	Flags Flag
	Needs string // what must follow within a few words: "with", "to", "about", "that"
}

// Has reports whether the trigger has every flag in f.
func (t Trigger) Has(f Flag) bool { return t.Flags&f == f }

// Role is an office a known person held for a time: an article of that
// time that names only the office («الرئيس الروسي») means that person.
type Role struct {
	Phrase   string // as written in the data («الرئيس الروسي»)
	Person   *Entity
	From, To time.Time // zero when open
}

// Holds reports whether the role was held on day t.
func (r Role) Holds(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
}

// Lexicon holds every table. Build one with Load or Default; it is
// read-only afterwards and safe to share between goroutines.
type Lexicon struct {
	Triggers   Matcher[Trigger]
	Titles     Matcher[bool]
	Entities   Matcher[*Entity] // gazetteer and people, by every alias
	Adjectives Matcher[*Entity] // nationality adjective → country
	Given      Matcher[bool]    // given names
	Planned    Matcher[bool]    // phrases that make an event planned (من المقرر)
	Phrases    map[string]*Matcher[bool]
	Months     Matcher[int]
	Hijri      Matcher[int]
	Weekdays   Matcher[int] // 0 Sunday … 6 Saturday
	Times      Matcher[string]
	Numbers    Matcher[int] // number words (يومين, ثلاثة)
	// Words holds the cue sets by section name: "anaphor", "unnamed",
	// "media", "stop", "light", "institution", "government", "collective",
	// "habitual", "meeting-context", and the calendar's relative words.
	Words  map[string]WordSet
	Roles  []Role
	byName map[string]*Entity
	// homographs are the entities each one-word alias names, by its
	// normalised form: «عمّان» the city and «عُمان» the sultanate are
	// one word once harakat are folded.
	homographs map[string][]Homograph
	// Version changes when any data file changes: caches keyed on it are
	// dropped with a new lexicon.
	Version string
	index   *index
}

// Default returns the embedded lexicon. It panics only if the embedded
// files are broken, which the tests rule out.
func Default() *Lexicon {
	lx, err := Load(nil)
	if err != nil {
		panic(err)
	}
	return lx
}

// Load builds a lexicon from the embedded data files, each replaced by the
// file of the same name in override when override holds one. Errors name
// the file and line.
func Load(override fs.FS) (*Lexicon, error) {
	lx := &Lexicon{Words: map[string]WordSet{}, byName: map[string]*Entity{}, Phrases: map[string]*Matcher[bool]{}}
	lx.Triggers.suffixes = true
	lx.Titles.suffixes = false
	h := sha256.New()
	for _, name := range Files {
		src := "embedded data/" + name
		var data []byte
		if override != nil {
			f, err := override.Open(name)
			switch {
			case err == nil:
				data, err = readRegular(f)
				f.Close()
				if err != nil {
					return nil, fmt.Errorf("lexicon %s: %w", name, err)
				}
				src = name
			case !errors.Is(err, fs.ErrNotExist):
				return nil, fmt.Errorf("lexicon %s: %w", name, err)
			}
		}
		if data == nil {
			var err error
			if data, err = dataFS.ReadFile("data/" + name); err != nil {
				return nil, fmt.Errorf("lexicon %s: %w", name, err)
			}
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		if err := lx.read(src, name, string(data)); err != nil {
			return nil, err
		}
	}
	lx.Version = hex.EncodeToString(h.Sum(nil))[:16]
	lx.numberClasses()
	for _, m := range []*Matcher[*Entity]{&lx.Entities, &lx.Adjectives} {
		for _, p := range m.phrases {
			p.Val.Key = arabic.Fold(p.Val.Name)
		}
	}
	for _, e := range lx.byName {
		e.Key = arabic.Fold(e.Name)
	}
	return lx, nil
}

// readRegular reads a lexicon file, refusing anything but a regular file
// of sane size (a FIFO or device would hang or never end).
func readRegular(f fs.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("too large (%d bytes, at most %d)", st.Size(), maxFileSize)
	}
	return io.ReadAll(io.LimitReader(f, maxFileSize+1))
}

// read parses one data file: "# comments", "[section]" headers and one
// entry per line.
func (lx *Lexicon) read(src, name, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	section := ""
	switch name {
	case "gazetteer.txt", "people.txt", "names.txt":
		section = strings.TrimSuffix(name, ".txt")
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

// phraseSections are cue sections of multi-word phrases, matched over
// tokens; every other cue section is a set of single words.
var phraseSections = map[string]bool{"habitual": true, "furniture": true}

func (lx *Lexicon) entry(section, text string) error {
	if typ, kind, ok := strings.Cut(section, " "); ok && (kind == "verb" || kind == "noun") {
		t, err := model.ParseEventType(typ)
		if err != nil {
			return err
		}
		info := Trigger{Type: t, Verb: kind == "verb"}
		words := strings.Fields(text)
		for len(words) > 0 && strings.HasPrefix(words[len(words)-1], "+") {
			w := words[len(words)-1]
			switch w {
			case "+with", "+to", "+about", "+that":
				info.Needs = strings.TrimPrefix(w, "+")
			default:
				f, ok := flagNames[w]
				if !ok {
					return fmt.Errorf("unknown trigger flag %q", w)
				}
				info.Flags |= f
			}
			words = words[:len(words)-1]
		}
		if len(words) == 0 {
			return errors.New("a trigger flag without a phrase")
		}
		lx.Triggers.add(strings.Join(words, " "), info)
		return nil
	}
	switch section {
	case "continuation":
		lx.Triggers.add(text, Trigger{Type: model.Statement, Verb: true, Flags: Continue})
	case "title":
		lx.Titles.add(text, true)
		if n := arabic.Normalize(text); !strings.HasSuffix(n, "ه") && !strings.HasSuffix(n, "و") && !strings.HasSuffix(n, "ي") &&
			!strings.HasSuffix(n, "ا") && !strings.Contains(n, " ") {
			lx.Titles.add(text+"ة", true) // سفير → سفيرة, المبعوث → المبعوثة (not سمو → سموة, which reads سموه)
		}
	case "planned":
		lx.Planned.add(text, true)
	case "names":
		lx.Given.add(text, true)
	case "gazetteer", "people":
		return lx.gazetteerEntry(section, text)
	case "months", "hijri months", "weekdays", "numbers":
		fields := splitFields(text)
		n, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) < 2 {
			return fmt.Errorf("want \"NUMBER | word | word…\", got %q", text)
		}
		m := map[string]*Matcher[int]{"months": &lx.Months, "hijri months": &lx.Hijri, "weekdays": &lx.Weekdays, "numbers": &lx.Numbers}[section]
		for _, w := range fields[1:] {
			m.add(w, n)
		}
	case "times of day":
		fields := splitFields(text)
		if len(fields) < 2 {
			return fmt.Errorf("want \"key | word | word…\", got %q", text)
		}
		for _, w := range fields[1:] {
			lx.Times.add(w, fields[0])
		}
	case "":
		return fmt.Errorf("entry outside a section: %q", text)
	default:
		if phraseSections[section] {
			m := lx.Phrases[section]
			if m == nil {
				m = &Matcher[bool]{}
				lx.Phrases[section] = m
			}
			m.add(text, true)
			return nil
		}
		set, ok := lx.Words[section]
		if !ok {
			set = WordSet{words: map[string]bool{}}
			lx.Words[section] = set
		}
		for _, w := range strings.Fields(text) {
			set.words[arabic.Normalize(w)] = true
		}
	}
	return nil
}

// gazetteerEntry reads "kind | name | alias … | adj: … | in: COUNTRY |
// latin: …, … | => STANDS FOR" (gazetteer.txt) or "name | alias … | of:
// COUNTRY | latin: …" (people.txt).
func (lx *Lexicon) gazetteerEntry(section, text string) error {
	fields := splitFields(text)
	e := &Entity{Kind: model.Person}
	if section == "gazetteer" {
		if len(fields) < 2 {
			return fmt.Errorf("want \"kind | name | alias…\", got %q", text)
		}
		e.Kind = model.ActorKind(fields[0])
		switch e.Kind {
		case model.Person, model.Organisation, model.Country, model.Place, model.Media:
		default:
			return fmt.Errorf("unknown kind %q (want person, organisation, country, place or media)", fields[0])
		}
		fields = fields[1:]
	}
	if len(fields) == 0 || fields[0] == "" {
		return fmt.Errorf("an entry without a name: %q", text)
	}
	var aliases []string
	var adjs []string
	var roles []Role
	for i, f := range fields {
		if name, stands, ok := strings.Cut(f, "=>"); ok && !strings.HasPrefix(f, "=>") {
			// "بغداد => العراق": an alias and what it stands for, in one field.
			f = strings.TrimSpace(name)
			e.StandsFor = strings.TrimSpace(stands)
			e.Acts = e.Kind == model.Organisation
		}
		switch {
		case strings.HasPrefix(f, "=>"):
			e.StandsFor = strings.TrimSpace(f[2:])
			e.Acts = e.Kind == model.Organisation
		case strings.HasPrefix(f, "adj:"):
			adjs = append(adjs, strings.Fields(f[4:])...)
		case strings.HasPrefix(f, "in:"):
			e.In = strings.TrimSpace(f[3:])
		case strings.HasPrefix(f, "of:"):
			e.In = strings.TrimSpace(f[3:])
		case strings.HasPrefix(f, "as:"):
			r, err := parseRole(strings.TrimSpace(f[3:]))
			if err != nil {
				return err
			}
			roles = append(roles, r)
		case strings.HasPrefix(f, "latin:"):
			for _, l := range strings.Split(f[6:], ",") {
				if l = strings.TrimSpace(l); l != "" {
					e.Latin = append(e.Latin, l)
				}
			}
		case f == "":
		default:
			if i == 0 {
				e.Name = f
			}
			aliases = append(aliases, f)
		}
	}
	if e.Name == "" {
		return fmt.Errorf("an entry without a name: %q", text)
	}
	key := arabic.Normalize(e.Name)
	if prev, dup := lx.byName[key]; dup && prev.Kind == e.Kind {
		// A repeated line adds aliases and facts.
		if e.StandsFor != "" {
			prev.StandsFor, prev.Acts = e.StandsFor, e.Acts
		}
		if e.In != "" {
			prev.In = e.In
		}
		prev.Latin = append(prev.Latin, e.Latin...)
		e = prev
	}
	lx.byName[key] = e
	for _, a := range aliases {
		lx.Entities.add(a, e)
		if key := arabic.Normalize(a); !strings.Contains(key, " ") {
			if lx.homographs == nil {
				lx.homographs = map[string][]Homograph{}
			}
			if !slices.ContainsFunc(lx.homographs[key], func(h Homograph) bool { return h.Entity == e }) {
				lx.homographs[key] = append(lx.homographs[key], Homograph{Entity: e, Raw: a})
			}
		}
	}
	for _, a := range adjs {
		lx.Adjectives.add(a, e)
	}
	for _, r := range roles {
		r.Person = e
		lx.Roles = append(lx.Roles, r)
	}
	return nil
}

// parseRole reads "الرئيس الروسي @2012-05-07.." (dates YYYY, YYYY-MM or
// YYYY-MM-DD; either end open).
func parseRole(f string) (Role, error) {
	phrase, span, _ := strings.Cut(f, "@")
	r := Role{Phrase: strings.TrimSpace(phrase)}
	if r.Phrase == "" {
		return r, fmt.Errorf("a role without a title: %q", f)
	}
	span = strings.TrimSpace(span)
	if span == "" {
		return r, nil
	}
	from, to, ok := strings.Cut(span, "..")
	if !ok {
		return r, fmt.Errorf("want \"as: TITLE @FROM..TO\", got %q", f)
	}
	var err error
	if r.From, err = roleDay(from); err != nil {
		return r, err
	}
	r.To, err = roleDay(to)
	return r, err
}

func roleDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q in a role (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

// Entity returns the entry with this canonical name, or nil.
func (lx *Lexicon) Entity(name string) *Entity { return lx.byName[arabic.Normalize(name)] }

// Homograph is one entity a one-word alias may name, with the alias as
// the data wrote it (its harakat tell homographs apart: عمّان، عُمان).
type Homograph struct {
	Entity *Entity
	Raw    string
}

// Homographs returns the entities a one-word alias (normalised) may name
// when there is more than one, in the order the data lists them; nil
// otherwise.
func (lx *Lexicon) Homographs(word string) []Homograph {
	if hs := lx.homographs[word]; len(hs) > 1 {
		return hs
	}
	return nil
}

// Each calls fn for every known entity (in no particular order).
func (lx *Lexicon) Each(fn func(*Entity)) {
	for _, e := range lx.byName {
		fn(e)
	}
}

// Set returns the cue set of a section (empty when the data has none).
func (lx *Lexicon) Set(section string) WordSet {
	return lx.Words[section]
}

// Phrase returns the phrase matcher of a section (empty when none).
func (lx *Lexicon) Phrase(section string) *Matcher[bool] {
	if m := lx.Phrases[section]; m != nil {
		return m
	}
	return &Matcher[bool]{}
}

func splitFields(text string) []string {
	fields := strings.Split(text, "|")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}
