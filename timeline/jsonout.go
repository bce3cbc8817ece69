package timeline

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// jsonOut appends the export types as JSON exactly as encoding/json writes
// them (SetEscapeHTML(false); with indent set, SetIndent(prefix, indent)),
// without reflection: exports of big timelines spent most of their time
// there. TestJSONOutMatchesEncodingJSON holds it to that.
type jsonOut struct {
	b              []byte
	prefix, indent string // indent "": compact
	depth          int
}

func (o *jsonOut) newline() {
	if o.indent == "" {
		return
	}
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.prefix...)
	for i := 0; i < o.depth; i++ {
		o.b = append(o.b, o.indent...)
	}
}

func (o *jsonOut) open(c byte) { o.b = append(o.b, c); o.depth++ }

func (o *jsonOut) close(c byte, empty bool) {
	o.depth--
	if !empty {
		o.newline()
	}
	o.b = append(o.b, c)
}

// key starts a member; first says whether it is the object's first.
func (o *jsonOut) key(first bool, k string) {
	if !first {
		o.b = append(o.b, ',')
	}
	o.newline()
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
	if o.indent != "" {
		o.b = append(o.b, ' ')
	}
}

// item starts an array element.
func (o *jsonOut) item(first bool) {
	if !first {
		o.b = append(o.b, ',')
	}
	o.newline()
}

func (o *jsonOut) str(s string) {
	mark := len(o.b)
	o.b = append(o.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at once: no control character, quote or
			// backslash, and every byte past ASCII part of a two-byte
			// character (a lead C2-DF, then a continuation); a lead in
			// the last byte is looked at with the next eight.
			const ones, high = 0x0101010101010101, 0x8080808080808080
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			q, bs := x^(ones*'"'), x^(ones*'\\')
			special := ((x - ones*0x20) &^ x) | ((q - ones) &^ q) | ((bs - ones) &^ bs)
			b7, b6, b5 := x&high, (x<<1)&high, (x<<2)&high
			lead := b7 & b6 &^ b5
			overlong := lead &^ ((x & (ones * 0x1E)) + ones*0x7F)
			if special&high == 0 && b7&b6&b5 == 0 && overlong == 0 && b7&^b6 == lead<<8 {
				i += 8 - int(lead>>63)
				continue
			}
		}
		c := s[i]
		if c >= 0x80 {
			// Arabic is two-byte runes: passed through after a check; other
			// runes are decoded (an invalid one, or U+2028 and U+2029, which
			// encoding/json escapes, is left to it).
			if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
				o.b = o.b[:mark]
				o.slowStr(s)
				return
			}
			i += n
			continue
		}
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\r':
			esc = `\r`
		case c == '\t':
			esc = `\t`
		case c < 0x20:
			o.b = o.b[:mark] // rare: left to encoding/json
			o.slowStr(s)
			return
		default:
			i++
			continue
		}
		o.b = append(o.b, s[start:i]...)
		o.b = append(o.b, esc...)
		i++
		start = i
	}
	o.b = append(o.b, s[start:]...)
	o.b = append(o.b, '"')
}

// slowStr escapes a string that needs it, by encoding/json itself.
func (o *jsonOut) slowStr(s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	o.b = append(o.b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

func (o *jsonOut) int(v int) { o.b = strconv.AppendInt(o.b, int64(v), 10) }

func (o *jsonOut) bool(v bool) { o.b = strconv.AppendBool(o.b, v) }

func (o *jsonOut) float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		o.b = append(o.b, "null"...) // JSON has no such number (a confidence never is one)
		return
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		b, _ := json.Marshal(f) // exponent form, as encoding/json cleans it up
		o.b = append(o.b, b...)
		return
	}
	o.b = strconv.AppendFloat(o.b, f, 'f', -1, 64)
}

// member writes a string member unless omitempty applies.
func (o *jsonOut) member(first *bool, k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	o.key(*first, k)
	o.str(v)
	*first = false
}

func (o *jsonOut) intMember(first *bool, k string, v int) {
	o.key(*first, k)
	o.int(v)
	*first = false
}

func (o *jsonOut) source(s *ExportSource) {
	o.open('{')
	first := true
	o.member(&first, "id", s.ID, false)
	o.member(&first, "path", s.Path, false)
	o.member(&first, "title", s.Title, false)
	o.member(&first, "outlet", s.Outlet, false)
	o.member(&first, "url", s.URL, false)
	o.member(&first, "published", s.Published, false)
	o.close('}', false)
}

func (o *jsonOut) side(s *ExportSide) {
	o.open('{')
	first := true
	o.member(&first, "value", s.Value, false)
	o.member(&first, "source", s.Source, false)
	o.member(&first, "sentence", s.Sentence, false)
	o.intMember(&first, "start", s.Start)
	o.intMember(&first, "end", s.End)
	o.close('}', false)
}

func (o *jsonOut) event(x *ExportEvent) {
	o.open('{')
	first := true
	o.member(&first, "id", x.ID, false)
	o.member(&first, "type", x.Type, false)
	o.member(&first, "date", x.Date, false)
	o.member(&first, "precision", x.Precision, false)
	o.member(&first, "earliest", x.Earliest, true)
	o.member(&first, "latest", x.Latest, true)
	o.member(&first, "modifier", x.Modifier, true)
	o.member(&first, "basis", x.Basis, true)
	o.member(&first, "date_expression", x.DateExpr, true)
	o.member(&first, "date_basis", x.DateBasis, true)
	o.member(&first, "time_of_day", x.TimeOfDay, true)
	o.key(first, "actors")
	o.strings(x.Actors)
	o.member(&first, "place", x.Place, false)
	o.member(&first, "summary", x.Summary, false)
	o.member(&first, "status", x.Status, false)
	o.key(false, "planned")
	o.bool(x.Planned)
	o.key(false, "confidence")
	o.float(x.Confidence)
	o.key(false, "mentions")
	o.list(x.Mentions == nil, len(x.Mentions), func(i int) {
		m := &x.Mentions[i]
		o.open('{')
		f := true
		o.member(&f, "source", m.Source, false)
		o.member(&f, "sentence", m.Sentence, false)
		o.intMember(&f, "start", m.Start)
		o.intMember(&f, "end", m.End)
		o.member(&f, "status", m.Status, true)
		o.member(&f, "attribution", m.Attribution, true)
		o.member(&f, "speaker", m.Speaker, true)
		o.close('}', false)
	})
	o.key(false, "conflicts")
	o.list(x.Conflicts == nil, len(x.Conflicts), func(i int) {
		c := &x.Conflicts[i]
		o.open('{')
		f := true
		o.member(&f, "field", c.Field, false)
		o.key(false, "a")
		o.side(&c.A)
		o.key(false, "b")
		o.side(&c.B)
		o.close('}', false)
	})
	o.close('}', false)
}

func (o *jsonOut) strings(ss []string) {
	o.list(ss == nil, len(ss), func(i int) { o.str(ss[i]) })
}

// list writes an array of n elements, each by elem (null for a nil slice,
// as encoding/json writes it).
func (o *jsonOut) list(isNil bool, n int, elem func(i int)) {
	if isNil {
		o.b = append(o.b, "null"...)
		return
	}
	o.open('[')
	for i := 0; i < n; i++ {
		o.item(i == 0)
		elem(i)
	}
	o.close(']', n == 0)
}
