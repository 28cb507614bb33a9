package main

import (
	"fmt"
	"net"
	"os/exec"
	"runtime"

	"github.com/nnlab/nnlab/cmd/train/internal/lab"
)

const labHelp = `Usage: train lab [--addr HOST:PORT] [--open] [--json] [--quiet]

Serves the lab: a playground page in the browser that trains nnlab itself,
compiled to WebAssembly, in a Web Worker. Everything it serves is embedded
in this program; nothing is fetched from elsewhere. Every setting, the seed
included, is in the page's address, so a link reproduces a session;
docs/lab.md lists the address keys.

Flags:
  --addr HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a
                    free one). Any address but a loopback one lets other
                    machines in, and a warning says so.
  --open            open the page in the system's browser
  --json            print the page's address as {"url": ...} (for scripts,
                    with port 0)
  --quiet           print nothing but errors

Examples:
  train lab
  train lab --addr 127.0.0.1:0 --open
`

// runLab serves the lab until the program is stopped.
func runLab(e *env, args []string) error {
	f := newFlagSet("lab")
	addr := f.String("addr", "127.0.0.1:8080")
	open := f.Bool("open")
	om := addOutputFlags(f)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := noPositional(pos); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr %q: want HOST:PORT, as 127.0.0.1:8080", *addr)
	}
	if !lab.IsLoopback(*addr) {
		fmt.Fprintf(e.stderr, "train lab: warning: --addr %s is not a loopback address; other machines can reach the lab\n", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %v", *addr, err)
	}
	url := "http://" + ln.Addr().String() + "/"
	if *om.json {
		if err := printJSON(e.stdout, struct {
			URL string `json:"url"`
		}{url}); err != nil {
			ln.Close()
			return err
		}
	}
	fmt.Fprintf(om.text(e), "the lab is at %s (Ctrl-C stops it)\n", url)
	if *open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "train lab: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	return lab.NewServer().Serve(ln)
}

// openBrowser asks the system to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	return cmd.Start()
}
