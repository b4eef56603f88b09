package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // as kube-apiserver and kube-controller-manager import it (cmd/*/...go)

	"github.com/robfig/cron/v3"
	"k8s.io/kubernetes/pkg/util/parsers"
)

// CronCase is one line of `oracle cron --jsonl`.
type CronCase struct {
	ID       string  `json:"id"`
	Schedule string  `json:"schedule"`
	TimeZone *string `json:"timeZone"`
	Start    string  `json:"start"`
	Count    int     `json:"count"`
}

// CronAnswer answers one CronCase. Error is what the API server's validation says of the
// schedule as written; ZoneError what time.LoadLocation says of timeZone; ControllerError what
// the controller's parse of its formatted schedule says; Next the run times after Start.
type CronAnswer struct {
	ID              string   `json:"id"`
	Error           string   `json:"error,omitempty"`
	ZoneError       string   `json:"zoneError,omitempty"`
	ControllerError string   `json:"controllerError,omitempty"`
	Next            []string `json:"next"`
}

// cronJSONL answers a stream of cron cases, flushing after each so a driver can pipeline.
func cronJSONL(in io.Reader, out *bufio.Writer, enc *json.Encoder) error {
	// Go reads the host's zoneinfo directory before its embedded copy; ZONEINFO, read first,
	// pins the database to the toolchain's own ($GOROOT/lib/time/zoneinfo.zip, the data
	// time/tzdata embeds), so the answers do not depend on the machine's tzdata package.
	if zi := os.Getenv("ZONEINFO"); zi == "" {
		return fmt.Errorf("oracle cron: set ZONEINFO to $(go env GOROOT)/lib/time/zoneinfo.zip")
	} else if _, err := os.Stat(zi); err != nil {
		return fmt.Errorf("oracle cron: ZONEINFO: %w", err)
	}
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	for scanner.Scan() {
		var c CronCase
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			return fmt.Errorf("bad cron line: %w", err)
		}
		if err := enc.Encode(answerCron(c)); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// answerCron parses the schedule as validation and the controller do and lists its next runs.
func answerCron(c CronCase) CronAnswer {
	answer := CronAnswer{ID: c.ID}
	// Validation: k/k pkg/apis/batch/validation validateScheduleFormat.
	if _, err := parsers.ParseCronScheduleWithPanicRecovery(c.Schedule); err != nil {
		answer.Error = err.Error()
	}
	// The zone the runs are printed in: the timeZone's, else the controller's (UTC here).
	loc := time.UTC
	if c.TimeZone != nil {
		if l, err := time.LoadLocation(*c.TimeZone); err != nil {
			answer.ZoneError = err.Error()
		} else {
			loc = l
		}
	}
	// The controller: pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob parses
	// formatSchedule's string the same way.
	sched, err := parsers.ParseCronScheduleWithPanicRecovery(formatSchedule(c.Schedule, c.TimeZone))
	if err != nil {
		answer.ControllerError = err.Error()
		return answer
	}
	if spec, ok := sched.(*cron.SpecSchedule); ok && spec.Location != time.Local {
		loc = spec.Location
	}
	start, err := time.Parse(time.RFC3339, c.Start)
	if err != nil {
		answer.ControllerError = "bad start: " + err.Error()
		return answer
	}
	// The controller's clock is in its local zone, UTC in the oracle as in most clusters.
	t := start.In(time.UTC)
	answer.Next = []string{}
	for i := 0; i < c.Count; i++ {
		t = sched.Next(t)
		if t.IsZero() {
			break
		}
		answer.Next = append(answer.Next, t.In(loc).Format(time.RFC3339))
	}
	return answer
}

// formatSchedule is the CronJob controller's (pkg/controller/cronjob/cronjob_controllerv2.go),
// unexported there, without its event: a schedule that mentions TZ is used as written, a
// timeZone that loads is put in front as TZ=.
func formatSchedule(schedule string, timeZone *string) string {
	if strings.Contains(schedule, "TZ") {
		return schedule
	}
	if timeZone != nil {
		if _, err := time.LoadLocation(*timeZone); err != nil {
			return schedule
		}
		return fmt.Sprintf("TZ=%s %s", *timeZone, schedule)
	}
	return schedule
}
