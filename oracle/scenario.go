package main

// The scenario contract (README.md, "The command line"): what the simulated containers do and
// what the user does while the Job runs. Joblab validates scenarios strictly
// (crates/joblab-core/src/scenario.rs); the oracle reads the same YAML and trusts it, since the
// differential only ever hands it scenarios Joblab accepted.

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Scenario is a scenario file, field for field as Joblab reads it.
type Scenario struct {
	StartupSeconds *float64  `json:"startupSeconds"`
	RunSeconds     *float64  `json:"runSeconds"`
	ExitCode       int32     `json:"exitCode"`
	Seed           uint64    `json:"seed"`
	FailureRate    float64   `json:"failureRate"`
	Runs           []RunRule `json:"runs"`
	Actions        []Action  `json:"actions"`
	// The image pull: its time and the size the Pulled event reports, and (Job scenarios only)
	// whether the node holds the image at first (absent: true).
	ImagePullSeconds float64 `json:"imagePullSeconds"`
	ImageSizeBytes   uint64  `json:"imageSizeBytes"`
	ImagePresent     *bool   `json:"imagePresent"`
	// Job scenarios only: a time in which the namespace's pod quota is used up.
	QuotaExceeded *QuotaExceeded `json:"quotaExceeded"`
	// CronJob scenarios only: when the CronJob is created (RFC 3339), and a time in which the
	// CronJob controller is down.
	StartTime             *string `json:"startTime"`
	CronJobControllerDown *Outage `json:"cronJobControllerDown"`
}

// QuotaExceeded is a ResourceQuota of the Job's namespace that other workloads fill from From
// to To seconds: every Pod creation is refused.
type QuotaExceeded struct {
	From float64 `json:"from"`
	To   float64 `json:"to"`
	Name *string `json:"name"` // absent: "pods"
	Pods *uint32 `json:"pods"` // absent: 10
}

// refuses says whether the quota refuses a Pod created at t (From inclusive, To exclusive).
func (q *QuotaExceeded) refuses(t time.Duration) bool {
	ms := t.Milliseconds()
	return q != nil && secondsToMs(q.From) <= ms && ms < secondsToMs(q.To)
}

// err is the API server's answer: the quota admission plugin's error
// (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go) through
// admission.NewForbidden, which names the Pod by the name the store generated.
func (q *QuotaExceeded) err(name string) error {
	quota, pods := "pods", uint32(10)
	if q.Name != nil {
		quota = *q.Name
	}
	if q.Pods != nil {
		pods = *q.Pods
	}
	n := strconv.FormatUint(uint64(pods), 10)
	return apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, name,
		fmt.Errorf("exceeded quota: %s, requested: pods=1, used: pods=%s, limited: pods=%s", quota, n, n))
}

// Outage is a stretch of simulated seconds.
type Outage struct {
	From float64 `json:"from"`
	To   float64 `json:"to"`
}

// RunRule is one exception: which runs it applies to, and how they behave.
type RunRule struct {
	Match          RunMatch `json:"match"`
	ExitCode       *int32   `json:"exitCode"`
	RunSeconds     *float64 `json:"runSeconds"`
	Evicted        *bool    `json:"evicted"`
	IgnoresSigterm *bool    `json:"ignoresSigterm"`
}

// RunMatch says which container runs a rule applies to; every given criterion must fit.
type RunMatch struct {
	Job     *uint32    `json:"job"` // CronJob scenarios: the n-th Job the CronJob created
	Run     *uint32    `json:"run"`
	Index   IndexMatch `json:"index"`
	Attempt *uint32    `json:"attempt"`
}

// IndexMatch is one completion index or a list of them (absent: any run).
type IndexMatch struct {
	Set     bool
	Indexes []uint32
}

// UnmarshalJSON reads `3` or `[0, 2]`.
func (m *IndexMatch) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var one uint32
	if err := json.Unmarshal(b, &one); err == nil {
		m.Set, m.Indexes = true, []uint32{one}
		return nil
	}
	var many []uint32
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	m.Set, m.Indexes = true, many
	return nil
}

func (m IndexMatch) contains(i uint32) bool {
	for _, x := range m.Indexes {
		if x == i {
			return true
		}
	}
	return false
}

// Action is a user action at a point in time.
type Action struct {
	At        float64    `json:"at"`
	Patch     *JobPatch  `json:"patch"`
	DeletePod *DeletePod `json:"deletePod"`
	DeleteJob *DeleteJob `json:"deleteJob"`
	CreateJob *CreateJob `json:"createJob"`
}

// CreateJob is `kubectl create job NAME --from=cronjob/CRONJOB` in a CronJob scenario: a Job
// made by hand from the CronJob's template.
type CreateJob struct {
	Name string `json:"name"`
}

// DeleteJob is `kubectl delete job`; in a CronJob scenario, of the CronJob's Job-th Job.
type DeleteJob struct {
	Job *uint32 `json:"job"`
}

// JobPatch is `kubectl patch job --type=merge` of the mutable spec fields the contract names.
type JobPatch struct {
	Spec struct {
		Suspend               *bool  `json:"suspend"`
		Parallelism           *int32 `json:"parallelism"`
		Completions           *int32 `json:"completions"`
		ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds"`
	} `json:"spec"`
}

// DeletePod names the Pod `kubectl delete pod` deletes: by run, by index, or by name.
type DeletePod struct {
	Run   *uint32 `json:"run"`
	Index *uint32 `json:"index"`
	Name  *string `json:"name"`
}

// maxScenarioSeconds is Joblab's MAX_SECONDS: ten years of simulated time.
const maxScenarioSeconds = 315_360_000.0

// secondsToMs is Joblab's seconds_to_ms: rounded milliseconds, non-finite or negative as 0.
func secondsToMs(s float64) int64 {
	if math.IsNaN(s) || math.IsInf(s, 0) || s <= 0 {
		return 0
	}
	return int64(math.Round(math.Min(s, maxScenarioSeconds) * 1000))
}

func (s *Scenario) startupMs() int64 {
	if s.StartupSeconds == nil {
		return 1000
	}
	return secondsToMs(*s.StartupSeconds)
}

func (s *Scenario) runMs() int64 {
	if s.RunSeconds == nil {
		return 10_000
	}
	return secondsToMs(*s.RunSeconds)
}

// splitMix64 is Joblab's seeded generator (crates/joblab-core/src/sim/rng.rs): Pod-name
// suffixes and failureRate draws come from one stream, so both sides draw in the same order.
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *splitMix64) below(bound uint64) uint64 {
	hi, _ := mulHi(r.next(), bound)
	return hi
}

func (r *splitMix64) unit() float64 {
	return float64(r.next()>>11) * (1.0 / float64(uint64(1)<<53))
}

// mulHi is the high word of a 64×64-bit product ((a*b) >> 64 in Joblab's u128 arithmetic).
func mulHi(a, b uint64) (uint64, uint64) {
	const mask32 = 1<<32 - 1
	a0, a1 := a&mask32, a>>32
	b0, b1 := b&mask32, b>>32
	w0 := a0 * b0
	t := a1*b0 + w0>>32
	w1 := t & mask32
	w2 := t >> 32
	w1 += a0 * b1
	return a1*b1 + w2 + w1>>32, a * b
}
