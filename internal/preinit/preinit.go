// Package preinit settles lipgloss's default background before Bubble
// Tea's init asks the terminal for it. That init (bubbletea tea_init.go)
// sends OSC 11 and waits up to 5 s for an answer, before main runs: on a
// terminal that answers nothing, every khatt command started 5 s late.
//
// Packages are initialised in the lexical order of their import paths
// among those whose imports are ready (the Go specification, since Go
// 1.21); this module's path, early.khatt/preinit, sorts before
// github.com/charmbracelet/bubbletea, and it imports only lipgloss, so its
// init runs first. khatt asks the terminal itself, once, with a hard
// deadline (ui.ProbeTerminal), and gives the answer to its own renderers.
package preinit

import "github.com/charmbracelet/lipgloss"

func init() { lipgloss.SetHasDarkBackground(true) }
