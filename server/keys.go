package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// authorizedKey is one line of authorized_keys with the options khatt
// honours: from= (where the client may connect from) and expiry-time=. A
// key with no-pty or restrict (without pty) can never open the reader,
// which needs a terminal; a key with any other option khatt does not
// support (command=, environment=, permitopen=, principals=, tunnel=,
// cert-authority …) is not used at all. Both are said in the log.
type authorizedKey struct {
	key     gossh.PublicKey
	line    int
	from    []string // patterns: address, CIDR, host with * and ?, ! to negate
	expires time.Time
}

// harmless options restrict what khatt never offers anyway.
var harmless = map[string]bool{"no-port-forwarding": true, "no-agent-forwarding": true, "no-x11-forwarding": true,
	"no-user-rc": true, "port-forwarding": false, "pty": true}

// parseAuthorizedKeys reads an authorized_keys file. Lines it cannot use
// are logged and skipped; a malformed key is an error naming the line.
func parseAuthorizedKeys(data []byte, file string, logf func(string, ...any)) ([]authorizedKey, error) {
	var keys []authorizedKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		k, _, options, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		ak := authorizedKey{key: k, line: line}
		restricted, pty, usable := false, false, true
		for _, opt := range options {
			name, value, hasValue := strings.Cut(opt, "=")
			name = strings.ToLower(name)
			value = strings.Trim(value, `"`)
			switch {
			case name == "from" && hasValue:
				ak.from = strings.Split(value, ",")
			case name == "expiry-time" && hasValue:
				t, err := parseExpiry(value)
				if err != nil {
					logf("%s:%d: expiry-time %q: %v: key not used", file, line, value, err)
					usable = false
				}
				ak.expires = t
			case name == "restrict":
				restricted = true
			case name == "pty":
				pty = true
			case name == "no-pty":
				logf("%s:%d: key has no-pty, and the reader needs a terminal: key not used", file, line)
				usable = false
			case harmless[name]:
			default:
				logf("%s:%d: option %q is not supported by khatt serve: key not used", file, line, name)
				usable = false
			}
		}
		if restricted && !pty {
			logf("%s:%d: key has restrict without pty, and the reader needs a terminal: key not used", file, line)
			usable = false
		}
		if usable {
			keys = append(keys, ak)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return keys, nil
}

// parseExpiry reads OpenSSH's YYYYMMDD[HHMM[SS]] in local time (a Z
// suffix for UTC).
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if strings.HasSuffix(v, "Z") {
		v, loc = strings.TrimSuffix(v, "Z"), time.UTC
	}
	for _, layout := range []string{"20060102150405", "200601021504", "20060102"} {
		if len(v) == len(layout) {
			return time.ParseInLocation(layout, v, loc)
		}
	}
	return time.Time{}, errors.New("want YYYYMMDD[HHMM[SS]]")
}

// allows reports whether the key may log in now from addr, and why not.
func (k authorizedKey) allows(addr net.Addr, now time.Time) (bool, string) {
	if !k.expires.IsZero() && now.After(k.expires) {
		return false, "the key expired on " + k.expires.Format(time.RFC3339)
	}
	if len(k.from) > 0 {
		ip := addrIP(addr)
		if !matchFrom(k.from, ip) {
			return false, fmt.Sprintf("from=%q does not allow %s", strings.Join(k.from, ","), ip)
		}
	}
	return true, ""
}

func addrIP(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// matchFrom applies an OpenSSH from= pattern list to an address: the
// address matches when some pattern matches and no negated one does.
// Patterns are addresses, CIDR blocks or wildcards (* and ?); host names
// are not looked up (a name pattern never matches: say the address).
func matchFrom(patterns []string, ip string) bool {
	parsed := net.ParseIP(ip)
	matched := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		ok := false
		if _, block, err := net.ParseCIDR(p); err == nil {
			ok = parsed != nil && block.Contains(parsed)
		} else if m, err := path.Match(p, ip); err == nil {
			ok = m
		}
		if ok && neg {
			return false
		}
		matched = matched || ok
	}
	return matched
}

// keysStamp identifies a version of the keys file: a change of size or
// modification time means reading it again.
type keysStamp struct {
	size int64
	mod  time.Time
}

func statKeys(file string) (keysStamp, bool) {
	info, err := os.Stat(file)
	if err != nil {
		return keysStamp{}, false
	}
	return keysStamp{info.Size(), info.ModTime()}, true
}

// readKeysFile reads the keys file: a regular file, not too large.
func readKeysFile(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	if info.Size() > 4<<20 {
		return nil, fmt.Errorf("%s: larger than 4 MB", file)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return os.ReadFile(file)
}
