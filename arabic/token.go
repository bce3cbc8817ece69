package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind separates words, numbers and punctuation.
type Kind uint8

// Kinds of token.
const (
	Word Kind = iota
	Number
	Punct
)

// Analysis is one way to read a word: the proclitics glued to its front
// (Pre: و or ف, then ب ل ك or the future س, then ال; لل counts as ل + ال)
// and the stem left. The first analysis of a token is the whole word.
type Analysis struct {
	Pre  string
	Stem string
}

// Conj reports whether the analysis strips a conjunction (و, ف).
func (a Analysis) Conj() bool {
	return strings.HasPrefix(a.Pre, "و") || strings.HasPrefix(a.Pre, "ف")
}

// Prep reports whether the analysis strips a glued preposition (ب ل ك).
func (a Analysis) Prep() bool {
	p := a.Pre
	if a.Conj() {
		_, n := utf8.DecodeRuneInString(p)
		p = p[n:]
	}
	return strings.HasPrefix(p, "ب") || strings.HasPrefix(p, "ل") || strings.HasPrefix(p, "ك")
}

// Definite reports whether the analysed word carries the article.
func (a Analysis) Definite() bool {
	return strings.HasSuffix(a.Pre, "ال") || strings.HasPrefix(a.Stem, "ال")
}

// Token is one word, number or punctuation mark, with byte offsets into
// the source text.
type Token struct {
	Kind Kind
	// bare and closed are worked out once per distinct word by the
	// tokenizer: bare is 1 + the index in An of the reading Bare returns
	// (0: not worked out); closed holds the closed-class bits of Norm and
	// of Bare, with closedKnown when they were looked up.
	bare       uint8
	closed     [2]uint8
	Start, End int
	Raw        string     // as written
	Norm       string     // Normalize(Raw)
	An         []Analysis // words only; An[0] is the whole word
	// Classes are the word classes of the token's readings as ClassedBy
	// (nil: not classified) saw them.
	Classes   Classes
	ClassedBy Classifier
}

// Is reports whether one reading of the token is the normalised word w.
func (t *Token) Is(w string) bool {
	if t.Kind == Punct {
		return false
	}
	if n, m := len(t.Norm), len(w); n > 0 && m > 0 && t.Norm[n-1] != w[m-1] {
		return false // readings only lose proclitics (Analyse): each ends as the word does
	}
	for _, a := range t.An {
		if a.Stem == w {
			return true
		}
	}
	return false
}

// In reports whether one reading of the token is in set, and returns it.
func (t *Token) In(set map[string]bool) (Analysis, bool) {
	if t.Kind == Punct {
		return Analysis{}, false
	}
	for _, a := range t.An {
		if set[a.Stem] {
			return a, true
		}
	}
	return Analysis{}, false
}

// Bare is the token without a conjunction glued to it: والرئيس is
// الرئيس. Other proclitics stay.
func (t *Token) Bare() string {
	switch {
	case t.bare == 1:
		return t.Norm
	case t.bare > 1:
		return t.An[t.bare-1].Stem
	}
	if k := bareIndex(t.An); k > 0 {
		return t.An[k].Stem
	}
	return t.Norm
}

// bareIndex is the index in an of the reading Bare returns, 0 for the
// whole word.
func bareIndex(an []Analysis) int {
	for k := 1; k < len(an); k++ {
		if a := an[k]; (a.Pre == "و" || a.Pre == "ف") && RuneLen(a.Stem) >= 2 {
			return k
		}
	}
	return 0
}

// closedClasses returns the closed-class bits (closedClass) of the
// token's normalised form and of its Bare form.
func (t *Token) closedClasses() (norm, bare uint8) {
	if t.closed[0]&closedKnown != 0 {
		return t.closed[0] &^ closedKnown, t.closed[1] &^ closedKnown
	}
	return closedClass[t.Norm], closedClass[t.Bare()]
}

// ConjGlued reports whether the token starts with a conjunction glued to a
// word of at least three letters (والتقى), which واشنطن and وصل, whose و
// is their own, may too: callers check the stem they matched.
func (t *Token) ConjGlued() bool {
	return t.Kind == Word && len(t.An) > 1 && t.An[1].Conj()
}

// IsPunct reports whether the token is punctuation among chars.
func (t *Token) IsPunct(chars string) bool {
	return t.Kind == Punct && strings.Contains(chars, t.Raw)
}

// Analyse returns the readings of a normalised word: itself first, then
// every form obtained by removing proclitics (و ف, then ب ل ك س, then ال,
// or لل as ل + ال), never leaving fewer than two letters.
func Analyse(w string) []Analysis {
	out := []Analysis{{Stem: w}}
	add := func(pre, s string) {
		if RuneLen(s) < 2 {
			return
		}
		for _, a := range out {
			if a.Stem == s {
				return
			}
		}
		out = append(out, Analysis{Pre: pre, Stem: s})
	}
	type cut struct{ pre, rest string }
	stage := []cut{{"", w}}
	for _, c := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(w, c); ok && RuneLen(rest) >= 2 {
			add(c, rest)
			stage = append(stage, cut{c, rest})
		}
	}
	var next []cut
	for _, s := range stage {
		next = append(next, s)
		if rest, ok := strings.CutPrefix(s.rest, "لل"); ok && RuneLen(rest) >= 2 {
			// لل is ل + ال with the alef dropped: للكاظمي is ل + الكاظمي.
			// (للقاء is also ل + لقاء: both readings are kept.)
			add(s.pre+"ل", "ال"+rest)
			add(s.pre+"لال", rest)
		}
		for _, p := range []string{"ب", "ل", "ك", "س"} {
			if rest, ok := strings.CutPrefix(s.rest, p); ok && RuneLen(rest) >= 2 {
				add(s.pre+p, rest)
				next = append(next, cut{s.pre + p, rest})
			}
		}
	}
	for _, s := range next {
		if rest, ok := strings.CutPrefix(s.rest, "ال"); ok {
			add(s.pre+"ال", rest)
		}
	}
	return out
}

// hamzaAl reports whether a word as written starts, after its conjunction
// or preposition, with أل, إل or آل: no definite article is written with a
// hamza, so «ألباريس» (Albares) is not ال + باريس (Paris).
func hamzaAl(raw string) bool {
	raw = StripMarks(raw)
	for _, p := range []string{"و", "ف", "ب", "ل", "ك"} {
		if r, ok := strings.CutPrefix(raw, p); ok && (strings.HasPrefix(r, "أل") || strings.HasPrefix(r, "إل") || strings.HasPrefix(r, "آل")) {
			return true
		}
	}
	return strings.HasPrefix(raw, "أل") || strings.HasPrefix(raw, "إل") || strings.HasPrefix(raw, "آل")
}

// withoutArticle drops the readings that strip a definite article.
func withoutArticle(an []Analysis) []Analysis {
	out := an[:0:0]
	for _, a := range an {
		if !strings.HasSuffix(a.Pre, "ال") {
			out = append(out, a)
		}
	}
	return out
}

// Cache memoises word analyses: news text repeats its vocabulary, and
// analysis is the tokenizer's main cost. With a Classifier, the tokens it
// makes carry their word classes. Segment keeps its tokens in the cache's
// storage, which the next Segment with the same cache writes over: whoever
// segments holds the cache for as long as it reads those tokens. A cache
// belongs to one goroutine; the zero value is ready to use.
type Cache struct {
	m          map[string]int32 // a word as written → its index in words
	words      []cached
	Classifier Classifier
	arena      []Token
}

type cached struct {
	norm   string
	an     []Analysis
	num    bool
	cls    Classes
	bare   uint8
	closed [2]uint8
}

func (c *Cache) get(raw string) *cached {
	if c != nil && c.m != nil {
		if k, ok := c.m[raw]; ok {
			return &c.words[k]
		}
	}
	if c != nil {
		raw = strings.Clone(raw) // kept: not the article's text
	}
	w := cached{norm: Normalize(raw)}
	if w.norm != "" {
		w.num = true
		for _, r := range w.norm {
			if r < '0' || r > '9' {
				w.num = false
				break
			}
		}
		if w.num {
			w.an = []Analysis{{Stem: w.norm}}
		} else {
			w.an = Analyse(w.norm)
			if hamzaAl(raw) {
				w.an = withoutArticle(w.an)
			}
		}
		if c != nil && c.Classifier != nil {
			w.cls = c.Classifier.Classify(w.an)
		}
		if k := bareIndex(w.an); k < 255 {
			w.bare = uint8(k + 1)
			bare := w.norm
			if k > 0 {
				bare = w.an[k].Stem
			}
			w.closed = [2]uint8{closedClass[w.norm] | closedKnown, closedClass[bare] | closedKnown}
		}
	}
	if c == nil {
		return &w
	}
	if c.m == nil || len(c.words) >= 1<<16 {
		// Bounded: a hostile text of unique words stays small. Tokens
		// made before keep what they were given (words are never changed).
		c.m, c.words = map[string]int32{}, nil
	}
	c.m[raw] = int32(len(c.words))
	c.words = append(c.words, w)
	return &c.words[len(c.words)-1]
}

// Tokenize splits text[start:end] into tokens with offsets into text,
// appending to toks. A run of digits and a run of letters are separate
// tokens (الـ4 is الـ and 4); an article written apart from its word
// («الـ كريملِن») is one token with it.
func Tokenize(toks []Token, text string, start, end int, cache *Cache) []Token {
	first := len(toks)
	if toks == nil {
		toks = make([]Token, 0, (end-start)/8+4) // about a word per eight bytes of Arabic
	}
	toks = tokenize(toks, text, start, end, cache)
	out := toks[:first]
	for k := first; k < len(toks); k++ {
		t := toks[k]
		if t.Kind == Word && t.Norm == "ال" && k+1 < len(toks) && toks[k+1].Kind == Word && strings.ContainsRune(t.Raw, 0x0640) {
			next := toks[k+1]
			norm := "ال" + next.Norm
			t = Token{Kind: Word, Start: t.Start, End: next.End, Raw: text[t.Start:next.End], Norm: norm, An: Analyse(norm)}
			if cache != nil && cache.Classifier != nil {
				t.Classes, t.ClassedBy = cache.Classifier.Classify(t.An), cache.Classifier
			}
			k++
		}
		out = append(out, t)
	}
	return out
}

func tokenize(toks []Token, text string, start, end int, cache *Cache) []Token {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == ' ' || unicode.IsSpace(r) || r == utf8.RuneError:
			i += n
		case IsWordRune(r):
			digit, latin := isDigit(r), r < 0x0250
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if r2 >= 0x0621 && r2 <= 0x064A && !digit && !latin {
					j += n2 // the common case: an Arabic letter within an Arabic word
					continue
				}
				if !IsWordRune(r2) || isDigit(r2) != digit && !unicode.Is(unicode.Mn, r2) && r2 != 0x0640 {
					break
				}
				if !digit && unicode.IsLetter(r2) && (r2 < 0x0250) != latin {
					break // "pmأجرى": Latin glued to Arabic
				}
				j += n2
			}
			w := cache.get(text[i:j])
			t := Token{Kind: Word, Start: i, End: j, Raw: text[i:j], Norm: w.norm, An: w.an, bare: w.bare, closed: w.closed}
			if cache != nil && cache.Classifier != nil {
				t.Classes, t.ClassedBy = w.cls, cache.Classifier
			}
			switch {
			case w.norm == "":
				t.Kind = Punct
			case w.num:
				t.Kind = Number
			}
			toks = append(toks, t)
			i = j
		default:
			if invisible(r) {
				i += n
				continue
			}
			toks = append(toks, Token{Kind: Punct, Start: i, End: i + n, Raw: text[i : i+n], Norm: text[i : i+n]})
			i += n
		}
	}
	return toks
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

// invisible marks are neither words nor punctuation.
func invisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r == 0xFEFF || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || unicode.IsControl(r)
}
