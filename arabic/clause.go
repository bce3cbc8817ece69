package arabic

// ClauseKind says how a clause hangs on the sentence.
type ClauseKind uint8

// Kinds of clause.
const (
	Main      ClauseKind = iota // the sentence's first predicate
	Coord                       // و/ف + verb, ثم, كما, بينما, فيما: another predicate at the same level
	Adverbial                   // حيث, إذ, عندما, بعد أن: the circumstances of the clause before
	Relative                    // الذي, التي …: describes the noun before it
	Content                     // after أن/إن/بأن or a colon: what was said, reported or planned
	Quote                       // inside quotation marks: the speaker's own words
)

var clauseKindNames = [...]string{"main", "coord", "adverbial", "relative", "content", "quote"}

func (k ClauseKind) String() string {
	if int(k) < len(clauseKindNames) {
		return clauseKindNames[k]
	}
	return "?"
}

// Clause is a run of a sentence's tokens with one predicate, as far as
// markers show it.
type Clause struct {
	From, To   int // token range [From, To) in the sentence
	Start, End int // byte offsets into the source text
	Kind       ClauseKind
	Parent     int // the clause this one is embedded in (content, quote, relative), or -1
	Prev       int // for Coord and Adverbial: the clause it continues, else -1
	Marker     int // token index of the word or mark that opened it, or -1
}

// VerbKind is what a caller knows about a token: whether it is a verb,
// whether it reports speech, and whether a conjunction is glued to it (the
// caller knows وصل is a verb whose و is its own). Clauses uses it to see
// where a coordinated predicate starts.
type VerbKind uint8

// Verb kinds; Conj may be or-ed onto Verb or SpeechVerb.
const (
	NotVerb    VerbKind = 0
	Verb       VerbKind = 1
	SpeechVerb VerbKind = 2
	Conj       VerbKind = 4
)

// Closed-class words that open clauses, normalised.
var (
	relativeWords = set("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي", "اللائي")
	compWords     = set("ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "بانهم", "بانهما", "وان", "وانه", "وانها", "فان", "فانه", "فانها")
	// Words after which أن opens a time or manner clause, not reported content.
	temporalBefore = set("بعد", "قبل", "منذ", "حتى", "دون", "بدون", "من", "عن", "الى", "على", "ما", "رغم", "بمجرد", "لاجل", "اجل")
	adverbialWords = set("حيث", "اذ", "عندما", "حين", "حينما", "لما", "كلما", "بينما", "فيما", "لكن", "لكنه", "لكنها", "ولكن", "بيد", "الا", "وحيث")
	coordWords     = set("ثم", "كما", "وكما", "وثم", "فيما", "وفيما", "بينما", "وبينما")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[Normalize(w)] = true
	}
	return m
}

// Word classes of closedClass, as bits.
const (
	isRelative uint8 = 1 << iota
	isComp
	isTemporalBefore
	isAdverbial
	isCoord
	closedKnown uint8 = 1 << 7 // on a token: its bits were looked up
)

// closedClass gives every closed-class word above its classes: one lookup
// per token where Clauses asked each set in turn.
var closedClass = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, s := range map[uint8]map[string]bool{isRelative: relativeWords, isComp: compWords, isTemporalBefore: temporalBefore,
		isAdverbial: adverbialWords, isCoord: coordWords} {
		for w := range s {
			m[w] |= bit
		}
	}
	return m
}()

// IsRelative reports whether the token is a relative pronoun (الذي, التي …).
func IsRelative(t *Token) bool {
	if t.Kind != Word {
		return false
	}
	_, bare := t.closedClasses()
	return bare&isRelative != 0
}

// prevClosed is the closed-class bits of the Bare form of toks[i-1].
func prevClosed(toks []Token, i int) uint8 {
	_, bare := toks[i-1].closedClasses()
	return bare
}

// IsComplementizer reports whether the token is أن/إن (with و, ب or a
// pronoun).
func IsComplementizer(t *Token) bool { return t.Kind == Word && compWords[t.Norm] }

// closingQuote is the mark that closes a quotation opened by open.
func closingQuote(open string) string {
	switch open {
	case "«":
		return "»"
	case "“":
		return "”"
	case "\"":
		return "\""
	case "„":
		return "“"
	}
	return ""
}

// Clauses splits a sentence's tokens into clauses. verb tells, for a token
// index, whether the token is a verb (and a speech verb): a glued or
// separate و before a verb opens a coordinated clause. Commas alone never
// split a clause: Arabic news uses them inside noun phrases.
func Clauses(toks []Token, verb func(i int) VerbKind) []Clause {
	if len(toks) == 0 {
		return nil
	}
	cs := []Clause{{From: 0, Kind: Main, Parent: -1, Prev: -1, Marker: -1}}
	cur := 0
	open := func(at int, kind ClauseKind, parent, prev, marker int) {
		if at <= cs[cur].From {
			// Nothing in the current clause yet: it takes the new role.
			cs[cur].Kind, cs[cur].Parent, cs[cur].Prev, cs[cur].Marker = kind, parent, prev, marker
			return
		}
		cs[cur].To = at
		cs = append(cs, Clause{From: at, Kind: kind, Parent: parent, Prev: prev, Marker: marker})
		cur = len(cs) - 1
	}
	quoteOf := -1             // the clause a quotation hangs on, while inside one
	quoteClose := ""          // the mark that closes the open quotation
	quoteStart := -1          // token where the quotation opened
	speechAt := -1            // the last clause whose predicate reported speech
	shortEnd := -1            // the closing mark of a short quotation being skipped
	hasVerb := map[int]bool{} // by clause (a handful: the map stays off the heap)
	for i := range toks {
		t := &toks[i]
		if t.Kind == Punct {
			switch {
			case i <= shortEnd:
			case quoteOf < 0 && (t.Raw == "«" || t.Raw == "“" || t.Raw == "\"" || t.Raw == "„") && shortQuote(toks, i) > 0:
				// «الإليزيه»، "نيوم": a quoted name or term, not a speaker's words.
				shortEnd = shortQuote(toks, i)
			case quoteOf < 0 && (t.Raw == "«" || t.Raw == "“" || t.Raw == "\"" || t.Raw == "„"):
				quoteOf = cur
				quoteClose = closingQuote(t.Raw)
				quoteStart = i
				open(i, Quote, cur, -1, i)
			case quoteOf >= 0 && (t.Raw == quoteClose || quoteClose == "”" && t.Raw == "\"" || i-quoteStart > 80):
				parent := quoteOf
				quoteOf = -1
				if i+1 < len(toks) {
					cs[cur].To = i + 1
					cs = append(cs, Clause{From: i + 1, Kind: Coord, Parent: cs[parent].Parent, Prev: parent, Marker: -1})
					cur = len(cs) - 1
				}
			case t.Raw == ":" && quoteOf < 0 && i+1 < len(toks) && !(i > 0 && toks[i-1].Kind == Number && toks[i+1].Kind == Number):
				open(i+1, Content, cur, -1, i)
			}
			continue
		}
		norm, stripped := t.closedClasses()
		switch {
		case stripped&isRelative != 0:
			open(i, Relative, cur, -1, i)
		case (norm|stripped)&isComp != 0 && !(i > 0 && toks[i-1].Kind == Word && prevClosed(toks, i)&isTemporalBefore != 0):
			open(i, Content, cur, -1, i)
		case (norm|stripped)&isComp != 0:
			open(i, Adverbial, cs[cur].Parent, cur, i-1)
		case (norm|stripped)&isAdverbial != 0:
			open(i, Adverbial, cs[cur].Parent, cur, i)
		case norm&isCoord != 0 && i+1 < len(toks) && verb(i+1) != NotVerb:
			open(i, Coord, cs[cur].Parent, cur, i)
		default:
			vk := verb(i)
			if vk == NotVerb {
				continue
			}
			glued := vk&Conj != 0
			vk &^= Conj
			conj := glued || i > 0 && toks[i-1].Kind == Word && (toks[i-1].Norm == "و" || toks[i-1].Norm == "ف")
			afterComma := i > 0 && toks[i-1].IsPunct("،,")
			switch {
			case conj && vk == SpeechVerb && speechAt >= 0 && inside(cs, cur, speechAt):
				// "أكد أن …، وقال إنها": another report by the same speaker.
				at := i
				if !glued {
					at = i - 1
				}
				open(at, Coord, cs[speechAt].Parent, speechAt, at)
			case conj:
				at := i
				if !glued {
					at = i - 1
				}
				open(at, Coord, cs[cur].Parent, cur, at)
			case afterComma && cur != 0 && hasVerb[cur] && !hasVerb[0] && cs[0].Kind == Main && quoteOf < 0 && (cs[cur].Kind == Relative || cs[cur].Kind == Content):
				// "قبل أيام من زيارة X، والتي يتوقع أن …، زار Y": after a
				// fronted phrase and what describes it, the main predicate.
				open(i, Coord, -1, 0, -1)
			case afterComma && cs[cur].Kind == Relative:
				// "الكاظمي، الذي بدا عاجزا …، يسعى": the relative clause ends.
				p := cs[cur].Parent
				open(i, Coord, cs[p].Parent, p, -1)
			case afterComma && hasVerb[cur]:
				// "قال …، يطالب": a new predicate after a comma. (A fronted
				// phrase with no verb, "وبعد المحادثات في أبو ظبي، سيتوجه",
				// stays with the verb it introduces.)
				open(i, Coord, cs[cur].Parent, cur, -1)
			}
			hasVerb[cur] = true
			if vk == SpeechVerb {
				speechAt = cur
			}
		}
	}
	cs[cur].To = len(toks)
	for k := range cs {
		if cs[k].From >= cs[k].To {
			cs[k].To = cs[k].From + 1
		}
		cs[k].Start, cs[k].End = toks[cs[k].From].Start, toks[min(cs[k].To, len(toks))-1].End
	}
	return cs
}

// shortQuote returns where a quotation opening at i closes when it holds
// at most three words (a name or a term), else 0.
func shortQuote(toks []Token, i int) int {
	closer := map[string]string{"«": "»", "“": "”", "\"": "\"", "„": "“"}[toks[i].Raw]
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		if toks[k].Raw == closer || closer == "”" && toks[k].Raw == "\"" {
			return k
		}
		if toks[k].Kind == Punct && toks[k].Raw != "-" {
			return 0
		}
	}
	return 0
}

// inside reports whether clause c is anchor or embedded (through Parent or
// Prev links) in a clause that hangs on anchor.
func inside(cs []Clause, c, anchor int) bool {
	for steps := 0; c >= 0 && steps < len(cs); steps++ {
		if c == anchor {
			return true
		}
		if cs[c].Prev >= 0 {
			c = cs[c].Prev
		} else {
			c = cs[c].Parent
		}
	}
	return false
}

// Context returns the clause whose content c reports (the clause of the
// speech or planning word that governs it) and the kind of embedding
// (Content or Quote), walking back through coordinated clauses; -1 and Main
// when c is not reported content.
func Context(cs []Clause, c int) (int, ClauseKind) {
	for steps := 0; c >= 0 && steps <= len(cs); steps++ {
		switch cs[c].Kind {
		case Content, Quote:
			return cs[c].Parent, cs[c].Kind
		case Coord, Adverbial:
			if cs[c].Prev >= 0 {
				c = cs[c].Prev
				continue
			}
		case Relative:
			c = cs[c].Parent
			continue
		}
		return -1, Main
	}
	return -1, Main
}

// Of returns the index of the clause holding token i.
func Of(cs []Clause, i int) int {
	for k := range cs {
		if i >= cs[k].From && i < cs[k].To {
			return k
		}
	}
	return len(cs) - 1
}
