package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a span of the source text with its tokens.
type Sentence struct {
	Start, End int // byte offsets into the source text, trimmed of spaces
	Line       int // the line (0-based, from the body's start) it starts on
	Index      int // position in the document
	// Headline marks a line that is a sentence on its own and does not end
	// in a full stop: a headline, a caption, a dateline or page furniture.
	Headline bool
	Tokens   []Token
}

// MaxSentenceTokens bounds a sentence: a longer run of text (a paragraph
// without full stops, or a hostile line) is cut at a clause or word
// boundary, so that no later stage works on more than this at once.
const MaxSentenceTokens = 160

// Segment splits text[from:] into sentences with byte offsets into text.
// A sentence ends at a line break, or at . ! ? ؟ … followed by a space or a
// letter (الاثنين.وقالت) when not inside quotes, not between digits (3.5)
// and not after a one-letter abbreviation (د. رائد). Spans without a letter
// are skipped.
func Segment(text string, from int, cache *Cache) []Sentence {
	var out []Sentence
	// Tokens go one after another into the cache's storage (see Cache),
	// each sentence a slice of it: one allocation an article, or none.
	var arena []Token
	if cache != nil {
		arena = cache.arena[:0]
		if cap(arena) == 0 {
			arena = make([]Token, 0, (len(text)-from)/8+16)
		}
		defer func() { cache.arena = arena }()
	}
	var spans [][2]int // each line's, in one list
	line := 0
	for lineStart := from; lineStart < len(text); line++ {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		spans = splitLine(spans[:0], text[lineStart:lineEnd])
		for _, sp := range spans {
			s := Sentence{Start: lineStart + sp[0], End: lineStart + sp[1], Line: line}
			if !hasLetter(text[s.Start:s.End]) {
				continue
			}
			s.Headline = len(spans) == 1 && !endsSentence(text[s.Start:s.End])
			if cache != nil {
				first := len(arena)
				arena = Tokenize(arena, text, s.Start, s.End, cache)
				s.Tokens = arena[first:len(arena):len(arena)]
			} else {
				s.Tokens = Tokenize(nil, text, s.Start, s.End, cache)
			}
			out = appendBound(out, s)
		}
		lineStart = lineEnd + 1
	}
	return out
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " \t\r\"'”»)"))
	return r == '.' || r == '!' || r == '؟' || r == '?' || r == ':' || r == '…'
}

// appendBound appends a sentence to out, numbered, an overlong one cut at
// the last clause mark (، ؛ :) or, if none, at a word boundary before the
// limit.
func appendBound(out []Sentence, s Sentence) []Sentence {
	if len(s.Tokens) <= MaxSentenceTokens {
		s.Index = len(out)
		return append(out, s)
	}
	toks := s.Tokens
	for len(toks) > MaxSentenceTokens {
		cut := MaxSentenceTokens
		for k := MaxSentenceTokens - 1; k > MaxSentenceTokens/2; k-- {
			if toks[k].IsPunct("،,؛;:") {
				cut = k + 1
				break
			}
		}
		part := s
		part.Tokens = toks[:cut:cut]
		part.Start, part.End = toks[0].Start, toks[cut-1].End
		part.Index = len(out)
		out = append(out, part)
		toks = toks[cut:]
	}
	if len(toks) > 0 {
		part := s
		part.Tokens = toks
		part.Start, part.End = toks[0].Start, toks[len(toks)-1].End
		part.Index = len(out)
		out = append(out, part)
	}
	return out
}

// hasLetter reports whether a span holds a letter (not only numbers or marks).
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// maxQuote is how far an opening quote mark keeps full stops inside it:
// in truncated or sloppy text a quote may never close.
const maxQuote = 600

// splitLine appends to spans the [start, end) pairs of the sentences of
// one line, trimmed of surrounding white space.
func splitLine(spans [][2]int, line string) [][2]int {
	start := 0
	quoteFrom := -1 // byte offset where the open quotation began
	ascii := false
	var prev rune
	for i, r := range line {
		switch r {
		case '"':
			ascii = !ascii
			if ascii {
				quoteFrom = i
			} else {
				quoteFrom = -1
			}
		case '«', '“':
			quoteFrom = i
		case '»', '”':
			quoteFrom = -1
			ascii = false
		case '.', '!', '?', '؟', '…':
			if quoteFrom >= 0 && i-quoteFrom < maxQuote {
				continue
			}
			next := i + utf8.RuneLen(r)
			if next < len(line) {
				nr, _ := utf8.DecodeRuneInString(line[next:])
				switch {
				case unicode.IsSpace(nr):
				case r == '.' && isArabicLetter(nr):
					if prev < utf8.RuneSelf && unicode.IsLetter(prev) {
						continue // "U.S.A" glued to Arabic
					}
					// "الاثنين.وقالت": a sentence glued to the next.
				default:
					continue // 3.5, example.com, "..", the end of a quote
				}
			}
			if r == '.' && oneLetterBefore(line, i) {
				continue // د. رائد
			}
			spans = appendTrimmed(spans, line, start, next)
			start = next
		}
		prev = r
	}
	return appendTrimmed(spans, line, start, len(line))
}

func isArabicLetter(r rune) bool { return r >= 0x0620 && r <= 0x06FF && unicode.IsLetter(r) }

// oneLetterBefore reports whether the full stop at i follows a word of one
// letter: an abbreviation (د. for doctor, م. for engineer).
func oneLetterBefore(line string, i int) bool {
	j := i
	n := 0
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:j])
		if !unicode.IsLetter(r) {
			break
		}
		n++
		j -= size
	}
	if n != 1 {
		return false
	}
	if j == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(line[:j])
	return unicode.IsSpace(r) || r == '(' || r == '«'
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
