package server

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khatt/model"
)

// TestOpenSSHInTmux connects with the OpenSSH client, in tmux, as a person
// would, and reads the screen.
func TestOpenSSHInTmux(t *testing.T) {
	for _, cmd := range []string{"ssh", "ssh-keygen", "tmux"} {
		if _, err := exec.LookPath(cmd); err != nil {
			t.Skipf("%s is not installed", cmd)
		}
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	pub, _ := os.ReadFile(key + ".pub")
	keys := filepath.Join(dir, "authorized_keys")
	os.WriteFile(keys, pub, 0o600)
	srv, err := New(Config{HostKey: filepath.Join(dir, "host"), AuthorizedKeys: keys, Lang: "ar",
		Load: func() (*model.Timeline, error) { return seedTL, nil }, Log: log.New(&screen{}, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(l)
	defer srv.Shutdown(context.Background())
	port := l.Addr().(*net.TCPAddr).Port
	sock := fmt.Sprintf("khatt-ssh-%d", os.Getpid())
	ssh := fmt.Sprintf("ssh -F /dev/null -i %s -p %d -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o SetEnv=KHATT_BIDI=app -t analyst@127.0.0.1", key, port)
	if out, err := exec.Command("tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "s", "-x", "120", "-y", "36",
		"env TERM=xterm-256color "+ssh).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	defer exec.Command("tmux", "-L", sock, "kill-server").Run()
	title := visual("الخط الزمني")
	deadline := time.Now().Add(15 * time.Second)
	screen := ""
	for time.Now().Before(deadline) {
		out, _ := exec.Command("tmux", "-L", sock, "capture-pane", "-p", "-t", "s").Output()
		screen = string(out)
		if strings.Contains(screen, title) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(screen, title) {
		t.Fatalf("no timeline over OpenSSH:\n%s", screen)
	}
	first := strings.Split(screen, "\n")[0]
	if !strings.HasSuffix(strings.TrimRight(first, " "), title+" ─╮") {
		t.Errorf("the title is not at the top right: %q", first)
	}
	exec.Command("tmux", "-L", sock, "send-keys", "-t", "s", "q").Run()
	deadline = time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-L", sock, "has-session", "-t", "s").Run() != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Error("q did not end the ssh session")
}
