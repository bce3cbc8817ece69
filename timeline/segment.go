package timeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind separates words, numbers and punctuation.
type TokenKind uint8

// Kinds of token.
const (
	Word TokenKind = iota
	Number
	Punct
)

// Token is one word, number or punctuation mark, with byte offsets into the
// source text.
type Token struct {
	Kind       TokenKind
	Start, End int
	Raw        string   // as written
	Norm       string   // Normalize(Raw)
	Forms      []string // clitic-stripped forms of Norm (words only)
	conj       []string // Norm and Norm without a leading conjunction
}

// Sentence is a span of the source text with its tokens.
type Sentence struct {
	Start, End int // byte offsets into the source text, trimmed of spaces
	Para       int // paragraph (non-empty line group) index
	Index      int // position in the document
	Tokens     []Token
}

// wordCache memoises the normalised form and clitic forms of words: news
// text repeats its vocabulary, and these are the tokenizer's main cost.
// A cache belongs to one goroutine.
type wordCache map[string]wordForms

type wordForms struct {
	norm  string
	forms []string
	conj  []string // the word without a leading و or ف, itself first
	num   bool
}

func (c wordCache) get(raw string) wordForms {
	if c != nil {
		if w, ok := c[raw]; ok {
			return w
		}
	}
	w := wordForms{norm: Normalize(raw)}
	if w.norm != "" {
		w.num = true
		for _, r := range w.norm {
			if r < '0' || r > '9' {
				w.num = false
				break
			}
		}
		if w.num {
			w.forms = []string{w.norm}
		} else {
			w.forms = cliticForms(w.norm)
		}
		w.conj = conjForms(w.norm)
	}
	if c != nil {
		c[raw] = w
	}
	return w
}

// Segment splits text[from:] into sentences with byte offsets into text.
// A sentence ends at a line break, or at . ! ? ؟ followed by a space when
// not inside quotes and not between digits (3.5). Lines that are only
// punctuation or whitespace are skipped.
func Segment(text string, from int) []Sentence {
	out := spans(text, from)
	for i := range out {
		out[i].Tokens = Tokenize(text, out[i].Start, out[i].End)
	}
	return out
}

// spans is Segment without the tokens, which the extractor makes one
// sentence at a time into a buffer it reuses.
func spans(text string, from int) []Sentence {
	var out []Sentence
	para := 0
	blank := true
	for lineStart := from; lineStart < len(text); {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		line := text[lineStart:lineEnd]
		if strings.TrimSpace(line) == "" {
			if !blank {
				para++
			}
			blank = true
		} else {
			blank = false
			for _, sp := range splitLine(line) {
				s := Sentence{Start: lineStart + sp[0], End: lineStart + sp[1], Para: para, Index: len(out)}
				if hasWord(text[s.Start:s.End]) {
					out = append(out, s)
				}
			}
			// In articles written one paragraph per line, every line is its own paragraph.
			para++
		}
		lineStart = lineEnd + 1
	}
	return out
}

// hasWord reports whether a span holds a word (not only numbers or marks).
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// splitLine returns [start, end) pairs of the sentences of one line,
// trimmed of surrounding white space.
func splitLine(line string) [][2]int {
	var spans [][2]int
	start := 0
	inASCII, guillemets := false, 0
	for i, r := range line {
		switch r {
		case '"':
			inASCII = !inASCII
		case '«':
			guillemets++
		case '»':
			if guillemets > 0 {
				guillemets--
			}
		case '.', '!', '?', '؟':
			if inASCII || guillemets > 0 {
				continue
			}
			next := i + utf8.RuneLen(r)
			if next < len(line) {
				nr, _ := utf8.DecodeRuneInString(line[next:])
				if !unicode.IsSpace(nr) {
					continue // 3.5, example.com, "..", end of a quote
				}
			}
			spans = appendTrimmed(spans, line, start, next)
			start = next
		}
	}
	return appendTrimmed(spans, line, start, len(line))
}

func appendTrimmed(spans [][2]int, line string, a, b int) [][2]int {
	for a < b {
		r, n := utf8.DecodeRuneInString(line[a:])
		if !unicode.IsSpace(r) && r != 0xFEFF {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(line[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	if b > a {
		spans = append(spans, [2]int{a, b})
	}
	return spans
}

// Tokenize splits text[start:end] into tokens with offsets into text.
func Tokenize(text string, start, end int) []Token {
	return tokenize(make([]Token, 0, (end-start)/6+1), text, start, end, nil)
}

// tokenize appends the tokens of text[start:end] to toks.
func tokenize(toks []Token, text string, start, end int, cache wordCache) []Token {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, newWordToken(text[i:j], i, j, cache))
			i = j
		default:
			toks = append(toks, Token{Kind: Punct, Start: i, End: i + n, Raw: text[i : i+n], Norm: text[i : i+n]})
			i += n
		}
	}
	return toks
}

func newWordToken(raw string, start, end int, cache wordCache) Token {
	w := cache.get(raw)
	t := Token{Kind: Word, Start: start, End: end, Raw: raw, Norm: w.norm, Forms: w.forms, conj: w.conj}
	switch {
	case w.norm == "":
		t.Kind = Punct
	case w.num:
		t.Kind = Number
	}
	return t
}
