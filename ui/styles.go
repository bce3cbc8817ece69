package ui

import (
	"github.com/charmbracelet/lipgloss"

	"khatt/model"
)

// Style ids: every span of text names one, and Styles paints it.
const (
	stText = iota
	stDim
	stHeading
	stDate
	stDateApprox
	stVisit
	stTalks
	stStatement
	stConflict
	stMatch
	stMention  // the sentence of the selected mention, in the source pane
	stMarked   // another sentence that reports an event
	stCursor   // the marked sentence under the source pane's cursor
	stTitle    // a pane title
	stTitleDim // the title of a pane without focus
	stStatus   // the status line
	stChip     // a filter chip
	stKey      // a key in the help bar
	stWarn     // a hint or a problem
	numStyles
)

// Styles paints the style ids, from one theme of semantic colours that
// adapt to light and dark backgrounds.
type Styles struct {
	span        [numStyles]lipgloss.Style
	Border      lipgloss.Style
	BorderFocus lipgloss.Style
	Selected    lipgloss.Style // added to every span of the selected row
	noColor     bool
}

// NewStyles builds the theme. With noColor (NO_COLOR set) only bold,
// underline and reverse video distinguish things.
func NewStyles(r *lipgloss.Renderer, noColor bool) Styles {
	c := func(light, dark string) lipgloss.TerminalColor {
		if noColor {
			return lipgloss.NoColor{}
		}
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	s := r.NewStyle
	var st Styles
	st.noColor = noColor
	st.span[stText] = s()
	st.span[stDim] = s().Foreground(c("#6b6b6b", "#8a8a8a"))
	st.span[stHeading] = s().Bold(true).Foreground(c("#3b3bb3", "#a5a5ff"))
	st.span[stDate] = s().Foreground(c("#005f87", "#87d7ff"))
	st.span[stDateApprox] = s().Foreground(c("#5f5f87", "#9e9ebc"))
	st.span[stVisit] = s().Bold(true).Foreground(c("#005fd7", "#5fafff"))
	st.span[stTalks] = s().Bold(true).Foreground(c("#008700", "#5fd75f"))
	st.span[stStatement] = s().Bold(true).Foreground(c("#af5f00", "#ffaf5f"))
	st.span[stConflict] = s().Bold(true).Foreground(c("#d70000", "#ff5f5f"))
	st.span[stMatch] = s().Underline(true).Foreground(c("#870087", "#ff87ff"))
	st.span[stMention] = s().Reverse(true).Bold(true)
	st.span[stMarked] = s().Foreground(c("#005f87", "#87afd7"))
	st.span[stCursor] = s().Reverse(true)
	st.span[stTitle] = s().Bold(true).Foreground(c("#3b3bb3", "#a5a5ff"))
	st.span[stTitleDim] = s().Foreground(c("#6b6b6b", "#8a8a8a"))
	st.span[stStatus] = s().Foreground(c("#4e4e4e", "#bcbcbc"))
	st.span[stChip] = s().Reverse(true)
	st.span[stKey] = s().Bold(true)
	st.span[stWarn] = s().Foreground(c("#af5f00", "#ffaf5f"))
	st.Border = s().Foreground(c("#b2b2b2", "#585858"))
	st.BorderFocus = s().Foreground(c("#3b3bb3", "#a5a5ff"))
	if noColor {
		// Without colour the focused pane's title is in reverse video and
		// its border bold.
		st.BorderFocus = s().Bold(true)
		st.span[stTitle] = s().Bold(true).Reverse(true)
	}
	st.Selected = s().Reverse(true)
	return st
}

// Paint draws text in a style id.
func (s Styles) Paint(id int, text string) string { return s.span[id].Render(text) }

// PaintSelected draws text in a style id on the selection.
func (s Styles) PaintSelected(id int, text string) string {
	return s.span[id].Reverse(true).Render(text)
}

// TypeStyle is the style id of an event type.
func TypeStyle(t model.EventType) int {
	switch t {
	case model.Visit:
		return stVisit
	case model.Talks:
		return stTalks
	}
	return stStatement
}
