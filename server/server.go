// Package server serves khatt's reader over SSH (charmbracelet/wish): every
// session gets its own reader — selection, filters, window size, colour
// profile and bidi mode from the client's TERM and environment — and all of
// them share one loaded, read-only timeline.
package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"khatt/i18n"
	"khatt/model"
	"khatt/safe"
	"khatt/ui"
)

// Config configures a server.
type Config struct {
	Listen         string        // address, e.g. 127.0.0.1:23234
	HostKey        string        // path of the host key; made (0600) when missing
	AuthorizedKeys string        // path of the authorized_keys file; none means nobody gets in
	IdleTimeout    time.Duration // a session with no traffic this long is closed
	MaxSessions    int           // sessions at once; more are turned away
	Lang           string        // default interface language (a client may send KHATT_LANG)
	Filter         ui.Filter     // applied when a session starts
	Load           func() (*model.Timeline, error)
	Log            *log.Logger
}

// Server is a running khatt SSH server.
type Server struct {
	cfg      Config
	srv      *ssh.Server
	tl       atomic.Pointer[model.Timeline]
	keys     atomic.Pointer[[]authorizedKey]
	stamp    atomic.Pointer[keysStamp]
	conns    *connGuard
	active   atomic.Int64
	mu       sync.Mutex
	programs map[*tea.Program]i18n.Labels
	closing  atomic.Bool
}

// New loads the corpus and the keys and prepares the server.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = log.New(os.Stderr, "khatt serve: ", log.LstdFlags)
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 50
	}
	s := &Server{cfg: cfg, programs: map[*tea.Program]i18n.Labels{}}
	s.conns = newConnGuard(cfg.Log.Printf)
	tl, err := cfg.Load()
	if err != nil {
		return nil, err
	}
	s.tl.Store(tl)
	if err := s.loadKeys(); err != nil {
		return nil, err
	}
	if err := ensureHostKey(cfg.HostKey); err != nil {
		return nil, err
	}
	s.srv, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKey),
		wish.WithPublicKeyAuth(s.allowKey),
		// No password is ever asked for: a client whose keys were all
		// refused is told why, and which key to send to the admin, by a
		// keyboard-interactive round with no question, then refused.
		wish.WithKeyboardInteractiveAuth(s.explainRefusal),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		ssh.WrapConn(s.wrapConn),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, 0),
			s.bidiMiddleware,
			s.guard,
		),
	)
	if err != nil {
		return nil, err
	}
	// No port forwarding, no agent, no X11: the server handles sessions only.
	s.srv.LocalPortForwardingCallback = nil
	s.srv.ReversePortForwardingCallback = nil
	s.srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": sessionChannel}
	s.srv.SubsystemHandlers = nil
	s.srv.ConnectionFailedCallback = s.connectionFailed
	s.logHostKey()
	return s, nil
}

// logHostKey says the host key's fingerprint at start, for clients to
// check on first connection.
func (s *Server) logHostKey() {
	data, err := os.ReadFile(s.cfg.HostKey)
	if err != nil {
		return
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return
	}
	s.cfg.Log.Printf("host key %s (%s)", gossh.FingerprintSHA256(signer.PublicKey()), s.cfg.HostKey)
}

// ensureHostKey makes sure an existing host key is private to its owner.
// (wish generates a missing one, 0600.)
func ensureHostKey(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return os.Chmod(path, 0o600)
	}
	return nil
}

// loadKeys reads the authorized_keys file. A missing file lets nobody in,
// and says so. Keys with options khatt cannot honour are logged and left
// out (see authorizedKey).
func (s *Server) loadKeys() error {
	file := s.cfg.AuthorizedKeys
	stamp, _ := statKeys(file)
	data, err := readKeysFile(file)
	if errors.Is(err, fs.ErrNotExist) || file == "" {
		s.cfg.Log.Printf("no authorized keys file at %q: nobody can log in until it holds public keys", file)
		s.keys.Store(&[]authorizedKey{})
		s.stamp.Store(&stamp)
		return nil
	}
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	keys, err := parseAuthorizedKeys(data, file, s.cfg.Log.Printf)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		s.cfg.Log.Printf("%s holds no usable key: nobody can log in", file)
	}
	s.keys.Store(&keys)
	s.stamp.Store(&stamp)
	return nil
}

// ReloadKeys reads the authorized_keys file again (on SIGHUP, and when it
// changes). A file that no longer parses keeps the keys as they were.
func (s *Server) ReloadKeys() error {
	if err := s.loadKeys(); err != nil {
		return err
	}
	s.cfg.Log.Printf("authorized keys read: %d usable", len(*s.keys.Load()))
	return nil
}

// watchKeys reloads the keys when the file's size or time changes.
func (s *Server) watchKeys(stop <-chan struct{}) {
	t := time.NewTicker(KeysPoll)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			now, _ := statKeys(s.cfg.AuthorizedKeys)
			if old := s.stamp.Load(); old == nil || *old != now {
				if err := s.ReloadKeys(); err != nil {
					s.cfg.Log.Printf("authorized keys: %v (keeping the keys as they were)", err)
					s.stamp.Store(&now)
				}
			}
		}
	}
}

// KeysPoll is how often the authorized_keys file is looked at.
const KeysPoll = 2 * time.Second

// allowKey is the public-key check; every decision is logged with the
// key's fingerprint.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := gossh.FingerprintSHA256(key)
	for _, k := range *s.keys.Load() {
		if !bytes.Equal(k.key.Marshal(), key.Marshal()) {
			continue
		}
		if ok, why := k.allows(ctx.RemoteAddr(), time.Now()); !ok {
			s.cfg.Log.Printf("refused %s for %q from %s: %s", fp, safe.Line(ctx.User(), 64), ctx.RemoteAddr(), why)
			return false
		}
		s.cfg.Log.Printf("accepted %s for %q from %s", fp, safe.Line(ctx.User(), 64), ctx.RemoteAddr())
		if c, ok := ctx.Value(pendingKey{}).(*pendingConn); ok {
			c.authenticated()
		}
		return true
	}
	s.cfg.Log.Printf("refused %s for %q from %s", fp, safe.Line(ctx.User(), 64), ctx.RemoteAddr())
	refusedKeys(ctx).add(fp, key.Type())
	return false
}

// refused lists the keys a connection offered and was refused, for
// explainRefusal.
type refused struct {
	mu   sync.Mutex
	keys []string
	told bool // explained once; a client that asks again is refused quietly
}

type refusedKey struct{}

func refusedKeys(ctx ssh.Context) *refused {
	ctx.Lock()
	defer ctx.Unlock()
	r, ok := ctx.Value(refusedKey{}).(*refused)
	if !ok {
		r = &refused{}
		ctx.SetValue(refusedKey{}, r)
	}
	return r
}

func (r *refused) add(fp, kind string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	line := fp + " (" + kind + ")"
	if len(r.keys) < 8 && !slices.Contains(r.keys, line) {
		r.keys = append(r.keys, line)
	}
}

// explainRefusal is the keyboard-interactive round a client reaches when
// its keys were refused (or it has none): it says that the server takes
// public keys only and which fingerprints to send to its admin, asks no
// question, and refuses. Asking for a password is logged.
func (s *Server) explainRefusal(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	r := refusedKeys(ctx)
	r.mu.Lock()
	keys, told := append([]string(nil), r.keys...), r.told
	r.told = true
	r.mu.Unlock()
	if told {
		return false
	}
	var b strings.Builder
	b.WriteString("khatt: this server takes public keys only, never a password.\n")
	if len(keys) == 0 {
		b.WriteString("Your client offered no key. Make one (ssh-keygen -t ed25519) and send\nthe .pub file to the server's admin.\n")
	} else {
		b.WriteString("The key(s) you offered are not allowed in. Send the public key (.pub)\nto the server's admin; its fingerprint:\n")
		for _, k := range keys {
			b.WriteString("  " + k + "\n")
		}
	}
	s.cfg.Log.Printf("refused password or keyboard-interactive login as %q from %s (told: public keys only)", safe.Line(ctx.User(), 64), ctx.RemoteAddr())
	challenge("", b.String(), nil, nil) // shown by the client; nothing to answer
	return false
}

// guard refuses what the server does not offer — commands (exec), sessions
// without a terminal — and sessions beyond the limit. It runs first.
func (s *Server) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		fp := ""
		if k := sess.PublicKey(); k != nil {
			fp = gossh.FingerprintSHA256(k)
		}
		defer func() {
			// A bug must cost one session, never the server.
			if p := recover(); p != nil {
				s.cfg.Log.Printf("session of %s ended by an internal error: %v", fp, p)
				sess.Exit(1)
			}
		}()
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			s.cfg.Log.Printf("refused command %q from %s", safe.Line(sess.RawCommand(), 200), fp)
			wish.Fatalln(sess, "khatt: this server runs no commands; connect with ssh -t and no command")
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "khatt: a terminal is needed; connect with ssh -t")
			return
		}
		if s.closing.Load() {
			wish.Fatalln(sess, "khatt: the server is shutting down")
			return
		}
		if n := s.active.Add(1); n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			s.cfg.Log.Printf("refused session from %s: %d sessions already", fp, s.cfg.MaxSessions)
			wish.Fatalf(sess, "khatt: the server is full (%d sessions); try again later\n", s.cfg.MaxSessions)
			return
		}
		defer s.active.Add(-1)
		s.cfg.Log.Printf("session opened by %s from %s", fp, sess.RemoteAddr())
		next(sess)
		s.cfg.Log.Printf("session closed by %s", fp)
	}
}

// sessionEnv is a session's environment as a lookup, with TERM from its pty.
func sessionEnv(sess ssh.Session) func(string) string {
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if pty, _, ok := sess.Pty(); ok && pty.Term != "" {
		env["TERM"] = pty.Term
	}
	// The server's tmux is not the client's: unless the client says,
	// tmux on its side lets nothing through.
	if env["KHATT_TMUX_PASSTHROUGH"] == "" {
		env["KHATT_TMUX_PASSTHROUGH"] = "off"
	}
	return func(k string) string { return env[k] }
}

// sessionEnviron is the client's environment for termenv: the colour
// profile comes from its TERM and COLORTERM.
type sessionEnviron []string

func (e sessionEnviron) Environ() []string { return e }

func (e sessionEnviron) Getenv(k string) string {
	for _, kv := range e {
		if v, ok := strings.CutPrefix(kv, k+"="); ok {
			return v
		}
	}
	return ""
}

func sessionEnvironOf(sess ssh.Session) sessionEnviron {
	env := sess.Environ()
	if pty, _, ok := sess.Pty(); ok {
		env = append(env, "TERM="+pty.Term)
	}
	return sessionEnviron(env)
}

type bidiKey struct{}

type inputKey struct{}

// bidiMiddleware asks the client's terminal what it is (ui.Queries, with
// the same hard deadline as a local start) and decides the session's bidi
// mode from its answers, its TERM and its environment (ssh -o
// SetEnv=KHATT_BIDI=terminal). The reader switches the terminal's own bidi
// off on the alternate screen and back (ui.Output).
func (s *Server) bidiMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		env := sessionEnv(sess)
		in := newSessionInput(sess)
		probe := func() ui.Probe { return in.probe(sess, ui.ProbeTimeout) }
		b, err := ui.DecideBidi(env("KHATT_BIDI"), env("KHATT_SHAPE"), false, env, probe)
		if err != nil {
			wish.Fatalln(sess, "khatt:", safe.Line(err.Error(), 200))
			return
		}
		sess.Context().SetValue(bidiKey{}, b)
		sess.Context().SetValue(inputKey{}, in)
		next(sess)
	}
}

// program makes the session's reader.
func (s *Server) program(sess ssh.Session) *tea.Program {
	env := sessionEnv(sess)
	labels, err := i18n.For(firstOf(env("KHATT_LANG"), s.cfg.Lang))
	if err != nil {
		labels = i18n.Arabic
	}
	b, _ := sess.Context().Value(bidiKey{}).(ui.Bidi)
	// The colours: the client's TERM, COLORTERM, NO_COLOR and KHATT_THEME,
	// and the background its terminal gave the probe.
	r := ui.NewRenderer(sess, env, b.Probe, termenv.WithEnvironment(sessionEnvironOf(sess)), termenv.WithUnsafe(), termenv.WithColorCache(true))
	style := ui.MarkdownStyle(r, env("NO_COLOR") != "")
	m := ui.New(s.tl.Load(), ui.Options{
		Labels: labels, Bidi: b, Renderer: r, NoColor: env("NO_COLOR") != "", GlamourStyle: style,
		Corpus: "ssh", Reload: s.tl.Load, Filter: s.cfg.Filter,
	})
	var p *tea.Program
	repaint := func() { p.Send(ui.RepaintMsg{}) }
	opts := append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(ui.Output(sess, b, repaint)))
	if in, ok := sess.Context().Value(inputKey{}).(*sessionInput); ok {
		opts = append(opts, tea.WithInput(in))
	}
	p = tea.NewProgram(m, opts...)
	s.mu.Lock()
	s.programs[p] = labels
	s.mu.Unlock()
	go func() {
		<-sess.Context().Done()
		s.mu.Lock()
		delete(s.programs, p)
		s.mu.Unlock()
	}()
	return p
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// Reload reads the corpus again: new sessions get the new timeline, running
// ones are told and keep theirs until they press r.
func (s *Server) Reload() error {
	if err := s.ReloadKeys(); err != nil {
		s.cfg.Log.Printf("authorized keys: %v (keeping the keys as they were)", err)
	}
	tl, err := s.cfg.Load()
	if err != nil {
		return err
	}
	s.tl.Store(tl)
	s.cfg.Log.Printf("reloaded: %d events from %d sources", len(tl.Events), len(tl.Sources))
	s.broadcast(func(l i18n.Labels) tea.Msg { return ui.NoticeMsg(l.NewCorpus) })
	return nil
}

func (s *Server) broadcast(msg func(i18n.Labels) tea.Msg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, l := range s.programs {
		go p.Send(msg(l))
	}
}

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	stop := make(chan struct{})
	defer close(stop)
	go s.watchKeys(stop)
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	s.cfg.Log.Printf("listening on %s", l.Addr())
	return s.Serve(l)
}

// Sessions is the number of open sessions.
func (s *Server) Sessions() int { return int(s.active.Load()) }

// Shutdown tells every session the server is stopping, ends their readers
// and closes the server, waiting at most until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closing.Store(true)
	s.broadcast(func(l i18n.Labels) tea.Msg { return ui.NoticeMsg(l.ShuttingDown) })
	time.Sleep(200 * time.Millisecond) // let the notice reach the screens
	s.mu.Lock()
	programs := make([]*tea.Program, 0, len(s.programs))
	for p := range s.programs {
		programs = append(programs, p)
	}
	s.mu.Unlock()
	for _, p := range programs {
		go p.Quit() // a busy program must not hold up the others, nor the deadline
	}
	// The readers end and their sessions close; clients that stay connected
	// are not waited for beyond ctx.
	for s.active.Load() > 0 && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	return s.srv.Close()
}
