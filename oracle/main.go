// Command oracle answers, with the Kubernetes code itself, the questions Joblab answers: would the
// API server accept this Job, and what would it store. See README.md for the protocol.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	_ "k8s.io/kubernetes/pkg/features" // registers k/k's feature gates at their release defaults
)

const usage = `usage:
  oracle check [FILE|-]     one JSON line per YAML document of FILE (default: standard input)
  oracle check --jsonl      reads {"id","yaml"} lines, answers {"id","documents":[...]} lines
  oracle kubectl --jsonl    reads snapshot lines, answers {"id","views":[...]} lines: kubectl's views
  oracle version            the Kubernetes version and the feature gates in force, as JSON
  oracle fields             how encoding/json writes each field of a batch/v1 Job, as JSON
  oracle simulate JOB.yaml [--scenario S.yaml] [--until SECONDS]
                            the real Job and TTL-after-finished controllers run the Job through
                            the scenario; prints what 'joblab simulate --format json' prints
  oracle simulate --jsonl   reads {"id","job","scenario","until"} lines, answers {"id","result"|"error"}
  oracle cron --jsonl       reads {"id","schedule","timeZone","start","count"} lines, answers
                            {"id","error","zoneError","controllerError","next"}: robfig/cron's
                            parse and next run times (needs ZONEINFO, see README.md)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	switch os.Args[1] {
	case "check":
		arg := "-"
		if len(os.Args) > 2 {
			arg = os.Args[2]
		}
		if arg == "--jsonl" {
			if err := checkJSONL(os.Stdin, out, enc); err != nil {
				fmt.Fprintln(os.Stderr, "oracle:", err)
				out.Flush()
				os.Exit(2)
			}
			return
		}
		var in io.Reader = os.Stdin
		if arg != "-" {
			f, err := os.Open(arg)
			if err != nil {
				fmt.Fprintln(os.Stderr, "oracle:", err)
				os.Exit(2)
			}
			defer f.Close()
			in = f
		}
		checkStream(in, func(a DocumentAnswer) { _ = enc.Encode(a) })
	case "kubectl":
		if len(os.Args) != 3 || os.Args[2] != "--jsonl" {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		if err := kubectlJSONL(os.Stdin, out, enc); err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			out.Flush()
			os.Exit(2)
		}
	case "version":
		gates := map[string]bool{}
		for name := range utilfeature.DefaultMutableFeatureGate.GetAll() {
			gates[string(name)] = utilfeature.DefaultFeatureGate.Enabled(name)
		}
		names := make([]string, 0, len(gates))
		for n := range gates {
			names = append(names, n)
		}
		sort.Strings(names)
		_ = enc.Encode(map[string]any{"kubernetes": KubernetesVersion, "featureGates": gates})
	case "simulate":
		code := simulateMain(os.Args[2:], out)
		out.Flush()
		os.Exit(code)
	case "cron":
		if len(os.Args) != 3 || os.Args[2] != "--jsonl" {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		if err := cronJSONL(os.Stdin, out, enc); err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			out.Flush()
			os.Exit(2)
		}
	case "fields":
		// Indented, one member per line, so that the committed copy diffs well.
		enc.SetIndent("", " ")
		_ = enc.Encode(goFields())
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
}

// Case is one line of `oracle check --jsonl`.
type Case struct {
	ID   string `json:"id"`
	YAML string `json:"yaml"`
}

// CaseAnswer answers one Case: every document of its YAML, as `oracle check` would.
type CaseAnswer struct {
	ID        string           `json:"id"`
	Documents []DocumentAnswer `json:"documents"`
}

// checkJSONL answers a stream of cases, flushing after each so a driver can pipeline.
func checkJSONL(in io.Reader, out *bufio.Writer, enc *json.Encoder) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	for scanner.Scan() {
		var c Case
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			return fmt.Errorf("bad case line: %w", err)
		}
		answer := CaseAnswer{ID: c.ID, Documents: []DocumentAnswer{}}
		checkStream(stringsReader(c.YAML), func(a DocumentAnswer) { answer.Documents = append(answer.Documents, a) })
		if err := enc.Encode(answer); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return scanner.Err()
}
