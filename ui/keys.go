package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap is the reader's key bindings.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	NextPane, PrevPane, Left, Right         key.Binding
	Open, NextMention, PrevMention          key.Binding
	Search, NextMatch, PrevMatch, Filter    key.Binding
	Clear, Help, Problems, Reload, Copy     key.Binding
	Quit                                    key.Binding
}

// DefaultKeyMap returns the standard bindings with help in the given labels.
func DefaultKeyMap(l Labels) KeyMap {
	b := func(help string, name string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.Keys[name]))
	}
	return KeyMap{
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		Top:         b("g", "top", "g", "home"),
		Bottom:      b("G", "bottom", "G", "end"),
		PageUp:      b("pgup", "pgup", "pgup", "ctrl+u"),
		PageDown:    b("pgdn", "pgdown", "pgdown", "ctrl+d", " "),
		NextPane:    b("tab", "next pane", "tab"),
		PrevPane:    b("shift+tab", "prev pane", "shift+tab"),
		Left:        b("←/h", "left", "left", "h"),
		Right:       b("→/l", "right", "right", "l"),
		Open:        b("enter", "open", "enter"),
		NextMention: b("]", "next mention", "]"),
		PrevMention: b("[", "prev mention", "["),
		Search:      b("/", "search", "/"),
		NextMatch:   b("n", "next match", "n"),
		PrevMatch:   b("N", "prev match", "N"),
		Filter:      b("f", "filter", "f"),
		Clear:       b("esc", "clear", "esc"),
		Help:        b("?", "help", "?"),
		Problems:    b("p", "problems", "p"),
		Reload:      b("r", "reload", "r"),
		Copy:        b("y", "copy", "y"),
		Quit:        b("q", "quit", "q", "ctrl+c"),
	}
}

// ShortHelp is the help bar's bindings for the focused pane.
func (k KeyMap) ShortHelp(focus PaneID) []key.Binding {
	switch focus {
	case EventPane:
		return []key.Binding{k.Up, k.Down, k.NextMention, k.PrevMention, k.Left, k.Search, k.Help, k.Quit}
	case SourcePane:
		return []key.Binding{k.Up, k.Down, k.Open, k.NextMention, k.Right, k.Search, k.Help, k.Quit}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Left, k.Search, k.Filter, k.Help, k.Quit}
}

// FullHelp is every binding, in columns, for the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.NextPane, k.PrevPane, k.Left, k.Right, k.Open},
		{k.NextMention, k.PrevMention, k.Search, k.NextMatch, k.PrevMatch},
		{k.Filter, k.Clear, k.Copy, k.Problems, k.Reload, k.Help, k.Quit},
	}
}

// arabicLayout maps what the Arabic (PC, "101") keyboard layout types to
// the Latin key at the same position, so that an Arabic user reads without
// switching layouts: ت is j, ن is k, لأ (shift+g) is G, ؟ is ?. Used
// outside text input only; in the search and filter lines Arabic is text.
var arabicLayout = map[string]string{
	"ض": "q", "ص": "w", "ث": "e", "ق": "r", "ف": "t", "غ": "y", "ع": "u", "ه": "i", "خ": "o", "ح": "p", "ج": "[", "د": "]",
	"ش": "a", "س": "s", "ي": "d", "ب": "f", "ل": "g", "ا": "h", "ت": "j", "ن": "k", "م": "l", "ك": ";", "ط": "'",
	"ئ": "z", "ء": "x", "ؤ": "c", "ر": "v", "لا": "b", "ى": "n", "ة": "m", "و": ",", "ز": ".", "ظ": "/",
	// shifted
	"لإ": "T", "إ": "Y", "لأ": "G", "أ": "H", "ـ": "J", "،": "K", "لآ": "B", "آ": "N", "؟": "?", "؛": "P",
}

// latinKey is the key at the same position of a Latin layout, for a key
// typed with the Arabic layout; any other key is itself.
func latinKey(msg tea.KeyMsg) tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste {
		return msg
	}
	if l, ok := arabicLayout[string(msg.Runes)]; ok {
		msg.Runes = []rune(l)
	}
	return msg
}
