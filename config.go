package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"khatt/corpus"
)

// config is the user's settings file, $XDG_CONFIG_HOME/khatt/config.toml
// (~/.config/khatt/config.toml when XDG_CONFIG_HOME is unset). Flags and
// environment variables override it.
type config struct {
	Corpus       []string `toml:"corpus"` // paths read when none is given
	Lang         string   `toml:"lang"`
	Bidi         string   `toml:"bidi"`
	Shape        string   `toml:"shape"`
	StripHarakat bool     `toml:"strip_harakat"`
	Theme        string   `toml:"theme"` // dark, light or notty
	// MinConfidence is --min-confidence's default (a pointer: 0 is a choice).
	MinConfidence *float64 `toml:"min_confidence"`
}

// configPath is where the config file lives.
func configPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "khatt", "config.toml")
}

// loadConfig reads the config file if there is one. A malformed file is an
// error naming the file and the line.
func loadConfig() (config, error) {
	var c config
	path := configPath()
	if path == "" {
		return c, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	// Regular files only, and small: a FIFO here would hang every start.
	data, err := corpus.ReadRegular(os.DirFS(filepath.Dir(path)), filepath.Base(path), 1<<20)
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return c, fmt.Errorf("%s: %w", path, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		var keys []string
		for _, k := range un {
			keys = append(keys, k.String())
		}
		return c, fmt.Errorf("%s: unknown setting %s (want corpus, lang, bidi, shape, strip_harakat, theme, min_confidence)", path, strings.Join(keys, ", "))
	}
	// Relative corpus paths are relative to the config file.
	for i, p := range c.Corpus {
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		c.Corpus[i] = p
	}
	return c, nil
}
