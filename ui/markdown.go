package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"khatt/ui/rtl"
)

// The event pane and the terminal briefing render the Markdown that the
// timeline package writes (headings, bullets, bold labels, quotations,
// paragraphs): a small known subset, drawn here with the reader's own
// styles rather than a general Markdown engine. Lines come out in logical
// order, styled with SGR sequences; the bidi step follows.

// mdStyles paints the Markdown elements.
type mdStyles struct {
	h1, h2, h3, bold, quote, bar, bullet, text lipgloss.Style
	plain                                      bool   // notty: no sequences at all
	quoteBar                                   string // "" is "│ "
}

// newMDStyles builds the styles for a style name: dark, light, mono (bold
// and underline, no colour: NO_COLOR) or notty (no sequences at all).
func newMDStyles(r *lipgloss.Renderer, style string) mdStyles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := r.NewStyle
	if style == "notty" {
		return mdStyles{h1: s(), h2: s(), h3: s(), bold: s(), quote: s(), bar: s(), bullet: s(), text: s(), plain: true}
	}
	if style == "mono" {
		return mdStyles{h1: s().Bold(true).Underline(true), h2: s().Bold(true), h3: s().Bold(true), bold: s().Bold(true),
			quote: s(), bar: s(), bullet: s(), text: s()}
	}
	pick := func(light, dark string) lipgloss.Color {
		if style == "light" {
			return lipgloss.Color(light)
		}
		return lipgloss.Color(dark)
	}
	return mdStyles{
		h1:     s().Bold(true).Foreground(pick("#3b3bb3", "#a5a5ff")),
		h2:     s().Bold(true).Foreground(pick("#005f87", "#87d7ff")),
		h3:     s().Bold(true),
		bold:   s().Bold(true),
		quote:  s().Foreground(pick("#3a3a3a", "#d0d0d0")),
		bar:    s().Foreground(pick("#8a8a8a", "#6c6c6c")),
		bullet: s().Foreground(pick("#6b6b6b", "#8a8a8a")),
		text:   s(),
	}
}

// run is a stretch of text with one style.
type run struct {
	text string
	bold bool
}

// inline reads a line's **bold** spans and undoes the escapes of
// timeline's escapeMD.
func inline(s string) []run {
	var out []run
	var cur strings.Builder
	bold := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, run{cur.String(), bold})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("*_#`[]\\", s[i+1]) >= 0:
			cur.WriteByte(s[i+1])
			i++
		case strings.HasPrefix(s[i:], "**"):
			flush()
			bold = !bold
			i++
		case strings.HasPrefix(s[i:], "&lt;"):
			cur.WriteByte('<')
			i += 3
		default:
			cur.WriteByte(s[i])
		}
	}
	flush()
	return out
}

// word is one word of a run, for wrapping.
type word struct {
	text string
	bold bool
}

func words(runs []run) []word {
	var out []word
	for _, r := range runs {
		for _, w := range strings.Fields(r.text) {
			out = append(out, word{w, r.bold})
		}
	}
	return out
}

// wrapWords fills lines of at most width cells, never splitting a word
// unless it alone is wider.
func wrapWords(ws []word, width int) [][]word {
	var lines [][]word
	var line []word
	used := 0
	for _, w := range ws {
		n := rtl.Width([]rune(w.text))
		if len(line) > 0 && used+1+n > width {
			lines = append(lines, line)
			line, used = nil, 0
		}
		if len(line) > 0 {
			used++
		}
		line = append(line, w)
		used += n
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// paint joins a line's words with their styles.
func (st mdStyles) paint(ws []word, base lipgloss.Style) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteString(st.styled(" ", base))
		}
		s := base
		if w.bold {
			s = s.Bold(true)
		}
		b.WriteString(st.styled(w.text, s))
	}
	return b.String()
}

func (st mdStyles) styled(text string, s lipgloss.Style) string {
	if st.plain {
		return text
	}
	return s.Render(text)
}

// mdLine is a drawn line of Markdown: styled text in logical order and
// the direction of the paragraph it belongs to. A wrapped line keeps its
// paragraph's direction: one with no letter of its own (a wrapped
// "004 (2020-08-18)") must not turn left to right.
type mdLine struct {
	text string
	dir  rtl.Direction
}

// blockDir is the direction of a paragraph: its first strong letter's, or
// the document's when it has none.
func blockDir(text string, def rtl.Direction) rtl.Direction {
	if d := rtl.FirstStrong([]rune(text)); d != rtl.Auto {
		return d
	}
	return def
}

// renderMarkdown draws Markdown at a width: one line per screen line,
// logical order, styled, with its paragraph's direction (def for
// paragraphs without letters). Blank lines are kept single.
func renderMarkdown(md string, width int, st mdStyles, def rtl.Direction) []mdLine {
	width = max(width, 8)
	var out []mdLine
	blank := true
	emit := func(dir rtl.Direction, lines ...string) {
		for _, l := range lines {
			out = append(out, mdLine{l, dir})
		}
		blank = false
	}
	block := func(prefix string, prefixStyle lipgloss.Style, text string, base lipgloss.Style) {
		pw := rtl.Width([]rune(prefix))
		runs := inline(text)
		var plain strings.Builder
		for _, r := range runs {
			plain.WriteString(r.text)
		}
		dir := blockDir(plain.String(), def)
		for i, ws := range wrapWords(words(runs), width-pw) {
			p := strings.Repeat(" ", pw)
			if i == 0 || prefix == st.quoteBar || prefix == "│ " {
				p = prefix
			}
			emit(dir, st.styled(p, prefixStyle)+st.paint(ws, base))
		}
	}
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimRight(line, " ")
		switch {
		case strings.HasPrefix(t, "<div") || t == "</div>":
			continue
		case t == "":
			if !blank {
				out = append(out, mdLine{"", def})
				blank = true
			}
		case strings.HasPrefix(t, "#"):
			level := len(t) - len(strings.TrimLeft(t, "#"))
			text := strings.TrimSpace(t[level:])
			s := st.h3
			switch level {
			case 1:
				s = st.h1
			case 2:
				s = st.h2
			}
			block("", st.text, text, s)
		case strings.HasPrefix(t, "- "):
			block("• ", st.bullet, t[2:], st.text)
		case strings.HasPrefix(t, ">"):
			bar := st.quoteBar
			if bar == "" {
				bar = "│ "
			}
			block(bar, st.bar, strings.TrimSpace(t[1:]), st.quote)
		default:
			block("", st.text, t, st.text)
		}
	}
	for len(out) > 0 && out[len(out)-1].text == "" {
		out = out[:len(out)-1]
	}
	return out
}
