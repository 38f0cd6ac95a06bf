// Command emrflow-emulator serves a local emulator of the EMR Flow API (and STS AssumeRole) for
// the demo, the acceptance tests and users' own module tests. See EMULATOR.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// shutdownTimeout bounds how long in-flight requests may take after SIGINT/SIGTERM.
const shutdownTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "emrflow-emulator:", err)
		os.Exit(1)
	}
}

// run parses the flags, builds the emulator, listens and serves until ctx is done, then shuts
// down gracefully. It prints the address and keys, one line each, before serving.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "seed" {
		return runSeed(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("emrflow-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		listen      = fs.String("listen", "127.0.0.1:18080", "address to listen on; port 0 picks a free port; beyond loopback, explicit keys are required")
		keyID       = fs.String("access-key-id", emulator.DefaultAccessKeyID, "the accepted AccessKeyId")
		keySecret   = fs.String("access-key-secret", emulator.DefaultAccessKeySecret, "its secret")
		dataFile    = fs.String("data", "", "JSON file holding the state, its journal FILE.journal beside it (default: memory only)")
		clusters    = fs.String("clusters", strings.Join(emulator.DefaultClusters(), ","), "seeded cluster (C-) and template (CT-) ids, comma-separated")
		latency     = fs.Duration("latency", 0, "latency added to every request")
		throttleRPS = fs.Float64("throttle-rps", 0, "token-bucket rate over all API requests (0: off)")
		errorRate   = fs.Float64("error-rate", 0, "fraction of requests answered 503 ServiceUnavailable")
		ambiguous   = fs.Float64("ambiguous-rate", 0, "fraction of mutating requests committed then answered 500 InternalError")
		seed        = fs.Int64("seed", 1, "seed of the fault generator")
		answers     = fs.String("answers", emulator.AnswersDefault, "answer profile: "+strings.Join(emulator.AnswerProfiles(), ", ")+" (see EMULATOR.md)")
		switchList  = fs.String("switches", "", "readings of what the API pages leave open, comma-separated: "+strings.Join(emulator.SwitchNames(), ", ")+" (see EMULATOR.md)")
		nodeDur     = fs.Duration("node-duration", emulator.DefaultNodeDuration, "run time of a JOB node in a simulated flow run")
		startDelay  = fs.Duration("start-delay", 0, "how long a submitted flow run waits in PREP")
		clockRate   = fs.Float64("clock-rate", 1, "speed of the runs' and schedules' clock (3600: an hour per second)")
		verbose     = fs.Bool("verbose", false, "log every request to stderr")
		console     = fs.Bool("console", false, "serve the read-only console page (default: on loopback only; beyond it, it has no authentication)")
		showVersion = fs.Bool("version", false, "print the version and exit")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, "emrflow-emulator", currentVersion())
		return err
	}
	consoleSet := false
	fs.Visit(func(f *flag.Flag) { consoleSet = consoleSet || f.Name == "console" })

	// An address without a host (":0", ":18080") means loopback, as the emulator's default does:
	// DESIGN.md documents `-listen :0` as "pick a port", and Go would otherwise bind every
	// interface for it. Every interface takes an explicit 0.0.0.0 or [::].
	*listen = loopbackIfNoHost(*listen)
	// What the emulator may serve depends on where it will listen.
	addr, err := net.ResolveTCPAddr("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *listen, err)
	}
	serveConsole, err := exposureOf(addr).check(*keyID, *keySecret, *console, consoleSet)
	if err != nil {
		return err
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	srv, err := emulator.New(emulator.Config{
		AccessKeyID:     *keyID,
		AccessKeySecret: *keySecret,
		Clusters:        splitList(*clusters),
		DataFile:        *dataFile,
		Latency:         *latency,
		ThrottleRPS:     *throttleRPS,
		ErrorRate:       *errorRate,
		AmbiguousRate:   *ambiguous,
		Seed:            *seed,
		Answers:         *answers,
		Switches:        *switchList,
		NodeDuration:    *nodeDur,
		StartDelay:      *startDelay,
		ClockRate:       *clockRate,
		Logger:          logger,
		NoConsole:       !serveConsole,
	})
	if err != nil {
		return fmt.Errorf("starting the emulator: %w", err)
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *listen, err)
	}
	defer ln.Close()
	exp := exposureOf(ln.Addr())
	// os.Stdout is unbuffered, so each line reaches a script reading the pipe at once. The
	// first line is the address bound; on loopback it is the URL alone, which scripts read.
	first := exp.url
	if exp.note != "" {
		first += " " + exp.note
	}
	if _, err := fmt.Fprintf(stdout, "listening on %s\naccess key id: %s\naccess key secret: %s\n",
		first, *keyID, *keySecret); err != nil {
		return fmt.Errorf("printing the address: %w", err)
	}
	if !exp.loopback {
		state := "not served (-console serves it; it has no authentication)"
		if serveConsole {
			state = "served at / and /console, without authentication"
		}
		if _, err := fmt.Fprintf(stdout, "console page: %s\n", state); err != nil {
			return fmt.Errorf("printing the address: %w", err)
		}
	}

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
