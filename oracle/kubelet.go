package main

// The scheduler and the kubelet of the harness, played exactly as Joblab's scenario contract
// says (README.md; crates/joblab-core/src/sim/kubelet.rs is the other side of this model, and
// oracle/README.md, "The kubelet and scheduler model", states it once for both):
//
//   - A Pod is bound at once to the one node, node-1 (event Scheduled). startupSeconds after it
//     was created, and at each restart, the kubelet checks the image: under Always, or under
//     IfNotPresent when the node does not hold it yet, it pulls (Pulling, then Pulled after
//     imagePullSeconds, one pull at a time on the node); else Pulled ("already present"); under
//     Never without the image, ErrImageNeverPull and the container never starts. Then Created
//     and Started; the container runs for runSeconds, then exits with the run's exit code.
//     Every container of the Pod behaves as the first one.
//   - A run is decided when it starts: the first `runs` rule whose match fits (by the Job-wide
//     run number, the completion index, the index's attempt), else the defaults with one
//     failureRate draw.
//   - Under restartPolicy OnFailure a failed container restarts in place: at once the first
//     time, then after 10 s, 20 s, ... capped at 300 s, measured from the exit.
//   - An evicted run ends when it would have exited: the Pod gets DisruptionTarget=True, reason
//     Evicted, and fails with 137.
//   - A deleted Pod's running container gets SIGTERM: it exits at once with 143, or, if it
//     ignores SIGTERM, runs on until its own exit or the end of the grace period (then 137). A
//     Pod deleted before its container runs, or while it waits for a restart, fails at once.

import (
	"fmt"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/kubernetes/pkg/util/parsers"
)

// nodeName is the model's one node: the scheduler binds every Pod to it at once.
const nodeName = "node-1"

const (
	containerBackOff    = 10 * time.Second
	maxContainerBackOff = 300 * time.Second
)

// podState is what the kubelet knows of one Pod beyond its API object.
type podState struct {
	name              string
	generateName      string
	pos               int // canonical creation position
	uid               string
	index             *uint32
	created           time.Duration
	started           *time.Duration
	finished          *time.Duration
	deleted           *time.Duration
	deletionRequested bool
	refused           bool // the API server refused the Pod: it only had a name
	released          bool // the kubelet confirmed the deletion (or the Pod was terminal)
	grace             time.Duration
	epoch             uint32
	plan              *runPlan
	ignoresSigterm    bool
	running           bool
	runStarted        time.Duration
	crashBackoff      time.Duration // 0: no restart yet
	restartCount      int32
	exitCode          *int32
	runs              []uint32
	lastTerminated    *v1.ContainerStateTerminated
	last              *v1.Pod // the object as it was when it left the API
}

// runPlan is how one container run will end, decided when it starts.
type runPlan struct {
	run      uint32
	exitCode int32
	runFor   time.Duration
	evicted  bool
}

func (h *harness) mainContainer() string {
	if len(h.containers) == 0 {
		return "main"
	}
	return h.containers[0]
}

// updatePod applies f to a copy of the stored Pod and stores it; false when the Pod is gone.
func (h *harness) updatePod(st *podState, f func(p *v1.Pod)) bool {
	p, ok := h.pods[st.name]
	if !ok {
		return false
	}
	next := p.DeepCopy()
	f(next)
	h.writePod(p, next)
	return true
}

func (h *harness) phase(st *podState) v1.PodPhase {
	if p, ok := h.pods[st.name]; ok {
		return p.Status.Phase
	}
	return v1.PodFailed
}

func terminalPhase(p v1.PodPhase) bool { return p == v1.PodSucceeded || p == v1.PodFailed }

// setContainers gives every container the first one's state, and the Pod its readiness.
func (h *harness) setContainers(p *v1.Pod, st *podState, state v1.ContainerState, ready bool) {
	h.setContainerStatuses(p, st, state, ready)
	setCondition(p, v1.ContainersReady, ready, h.nowTime())
	setCondition(p, v1.PodReady, ready, h.nowTime())
}

// setContainerStatuses gives every container the first one's state.
func (h *harness) setContainerStatuses(p *v1.Pod, st *podState, state v1.ContainerState, ready bool) {
	statuses := make([]v1.ContainerStatus, 0, len(p.Spec.Containers))
	for _, c := range p.Spec.Containers {
		cs := v1.ContainerStatus{Name: c.Name, Image: c.Image, ImageID: "", Ready: ready,
			RestartCount: st.restartCount, State: *state.DeepCopy()}
		started := state.Running != nil
		cs.Started = &started
		if st.lastTerminated != nil && state.Terminated == nil {
			cs.LastTerminationState = v1.ContainerState{Terminated: st.lastTerminated.DeepCopy()}
		}
		statuses = append(statuses, cs)
	}
	p.Status.ContainerStatuses = statuses
}

func setCondition(p *v1.Pod, t v1.PodConditionType, value bool, now time.Time) {
	status := v1.ConditionFalse
	if value {
		status = v1.ConditionTrue
	}
	for i := range p.Status.Conditions {
		c := &p.Status.Conditions[i]
		if c.Type == t {
			if c.Status != status {
				c.Status, c.LastTransitionTime = status, metav1.NewTime(now)
			}
			return
		}
	}
	p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: t, Status: status, LastTransitionTime: metav1.NewTime(now)})
}

// planRun decides how the next run of the Pod ends: the first matching rule, else the defaults
// with the failureRate draw (the draw happens only then, as in Joblab).
func (h *harness) planRun(st *podState) (runPlan, bool) {
	run := uint32(len(h.runPods) + 1)
	attempt := run
	if st.index != nil {
		h.attempts[*st.index]++
		attempt = h.attempts[*st.index]
	}
	sc := h.scenario
	for _, r := range sc.Runs {
		m := r.Match
		if m.Run != nil && *m.Run != run {
			continue
		}
		if m.Attempt != nil && *m.Attempt != attempt {
			continue
		}
		if m.Index.Set && (st.index == nil || !m.Index.contains(*st.index)) {
			continue
		}
		plan := runPlan{run: run, exitCode: sc.ExitCode, runFor: time.Duration(sc.runMs()) * time.Millisecond}
		if r.ExitCode != nil {
			plan.exitCode = *r.ExitCode
		}
		if r.RunSeconds != nil {
			plan.runFor = time.Duration(secondsToMs(*r.RunSeconds)) * time.Millisecond
		}
		plan.evicted = r.Evicted != nil && *r.Evicted
		return plan, r.IgnoresSigterm != nil && *r.IgnoresSigterm
	}
	exit := sc.ExitCode
	if h.rng.unit() < sc.FailureRate {
		exit = 1
	}
	return runPlan{run: run, exitCode: exit, runFor: time.Duration(sc.runMs()) * time.Millisecond}, false
}

// ensureImage is the kubelet's image check before it starts a container of the Pod (the first
// start, or a restart when restart is true): EnsureImageExists (pkg/kubelet/images/
// image_manager.go) decides by the pull policy and the node's images whether it pulls first.
func (h *harness) ensureImage(st *podState, restart bool) {
	present := h.imagePresentAt != nil && *h.imagePresentAt <= h.now
	switch {
	case h.pullPolicy == v1.PullAlways || (h.pullPolicy == v1.PullIfNotPresent && !present):
		// pullImage: the event, then the node's serial puller (serializeImagePulls, on by
		// default): a pull waits for the ones before it and takes imagePullSeconds.
		h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Pulling", fmt.Sprintf("Pulling image %q", applyDefaultImageTag(h.image)))
		start := max(h.pullerFree, h.now)
		end := start + time.Duration(secondsToMs(h.scenario.ImagePullSeconds))*time.Millisecond
		h.pullerFree = end
		h.schedule(end, &wake{kind: wakePullDone, pod: st, epoch: st.epoch, restart: restart, requested: h.now})
	case h.pullPolicy == v1.PullNever && !present:
		// imageNotPresentOnNeverPolicyError; the container waits for good (the real kubelet
		// repeats the event at each retry of the Pod's sync; the model says it once).
		h.recordEvent("pod/"+st.name, v1.EventTypeWarning, "ErrImageNeverPull",
			fmt.Sprintf("Container image %q is not present with pull policy of Never", h.image))
		// The container's state only: the model's Pod gets its Ready condition when a container
		// first starts or the Pod stops (Joblab's kubectl/api.rs reads it the same way).
		h.updatePod(st, func(p *v1.Pod) {
			h.setContainerStatuses(p, st, v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "ErrImageNeverPull",
				Message: fmt.Sprintf("Container image %q is not present with pull policy of Never", h.image)}}, false)
		})
	default:
		// With KubeletEnsureSecretPulledImages on by default, and no pull secrets.
		h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Pulled",
			fmt.Sprintf("Container image %q already present on machine and can be accessed by the pod", h.image))
		h.startRun(st, restart)
	}
}

// onPullDone ends the Pod's pull: the node holds the image from now, and the container starts
// unless the Pod was deleted meanwhile.
func (h *harness) onPullDone(w *wake) {
	st := w.pod
	if st.epoch != w.epoch || terminalPhase(h.phase(st)) || st.deletionRequested {
		return
	}
	if h.imagePresentAt == nil || h.now < *h.imagePresentAt {
		now := h.now
		h.imagePresentAt = &now
	}
	pull := (time.Duration(secondsToMs(h.scenario.ImagePullSeconds)) * time.Millisecond).Truncate(time.Millisecond)
	waited := (h.now - w.requested).Truncate(time.Millisecond)
	h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Pulled",
		fmt.Sprintf("Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.",
			applyDefaultImageTag(h.image), pull, waited, h.scenario.ImageSizeBytes))
	h.startRun(st, w.restart)
}

// applyDefaultImageTag is the kubelet's (pkg/kubelet/images/image_manager.go, unexported,
// restated): an image with neither tag nor digest gets `:latest`.
func applyDefaultImageTag(image string) string {
	_, tag, digest, err := parsers.ParseImageName(image)
	if err != nil {
		return image
	}
	if len(digest) == 0 && len(tag) > 0 && !strings.HasSuffix(image, ":"+tag) {
		image = image + ":" + tag
	}
	return image
}

// startRun starts a container run in the Pod now (a restart counts in restartCount).
func (h *harness) startRun(st *podState, restart bool) {
	plan, ignores := h.planRun(st)
	h.runPods = append(h.runPods, st)
	now := h.now
	if restart {
		st.restartCount++
	}
	st.plan, st.ignoresSigterm, st.running, st.runStarted = &plan, ignores, true, now
	if st.started == nil {
		st.started = &now
	}
	st.runs = append(st.runs, plan.run)
	// After the image: create and start, with the v1.37 kubelet's messages
	// (kuberuntime/kuberuntime_container.go).
	h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Created", "Container created")
	h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Started", "Container started")
	h.schedule(now+plan.runFor, &wake{kind: wakeContainerExit, pod: st, epoch: st.epoch})
	h.updatePod(st, func(p *v1.Pod) {
		p.Status.Phase = v1.PodRunning
		if p.Status.StartTime == nil {
			t := metav1.NewTime(h.nowTime())
			p.Status.StartTime = &t
		}
		setCondition(p, v1.PodInitialized, true, h.nowTime())
		h.setContainers(p, st, v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: metav1.NewTime(h.nowTime())}}, true)
	})
}

func (h *harness) onContainerStart(st *podState, epoch uint32) {
	if st.epoch == epoch && h.phase(st) == v1.PodPending && !st.deletionRequested {
		h.ensureImage(st, false)
	}
}

func (h *harness) onContainerRestart(st *podState, epoch uint32) {
	if st.epoch != epoch || terminalPhase(h.phase(st)) || st.deletionRequested {
		return
	}
	h.ensureImage(st, true)
}

// endRun records the end of the current run in p.
func (h *harness) endRun(st *podState, p *v1.Pod, exitCode int32) {
	reason := "Error"
	if exitCode == 0 {
		reason = "Completed"
	}
	term := &v1.ContainerStateTerminated{ExitCode: exitCode, Reason: reason,
		StartedAt: metav1.NewTime(h.start.Add(st.runStarted)), FinishedAt: metav1.NewTime(h.nowTime())}
	code := exitCode
	st.exitCode, st.running, st.lastTerminated = &code, false, term
	st.epoch++
	h.setContainers(p, st, v1.ContainerState{Terminated: term.DeepCopy()}, false)
}

// finish puts p into a terminal phase now.
func (h *harness) finish(st *podState, p *v1.Pod, phase v1.PodPhase) {
	now := h.now
	p.Status.Phase = phase
	st.finished = &now
	st.epoch++
	setCondition(p, v1.ContainersReady, false, h.nowTime())
	setCondition(p, v1.PodReady, false, h.nowTime())
}

// afterFinish is the kubelet's confirmation of a deleted Pod that has now stopped.
func (h *harness) afterFinish(st *podState) {
	if st.deletionRequested {
		h.kubeletDeleted(st)
	}
}

func (h *harness) onContainerExit(st *podState, epoch uint32) {
	if st.epoch != epoch || h.phase(st) != v1.PodRunning || st.plan == nil {
		return
	}
	plan := *st.plan
	deleting := st.deletionRequested
	if plan.evicted && !deleting {
		h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Killing", "Stopping container "+h.mainContainer())
		h.updatePod(st, func(p *v1.Pod) {
			p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: v1.DisruptionTarget,
				Status: v1.ConditionTrue, Reason: "EvictionByEvictionAPI", Message: "Eviction API: evicting",
				LastTransitionTime: metav1.NewTime(h.nowTime())})
			p.Status.Reason = "Evicted"
			h.endRun(st, p, 137)
			h.finish(st, p, v1.PodFailed)
		})
		return
	}
	switch {
	case plan.exitCode == 0:
		h.updatePod(st, func(p *v1.Pod) { h.endRun(st, p, 0); h.finish(st, p, v1.PodSucceeded) })
		h.afterFinish(st)
	case !h.onFailure || deleting:
		h.updatePod(st, func(p *v1.Pod) { h.endRun(st, p, plan.exitCode); h.finish(st, p, v1.PodFailed) })
		h.afterFinish(st)
	default:
		h.crashRestart(st, plan.exitCode)
	}
}

// crashRestart is OnFailure: the kubelet restarts the container in place, at once the first
// time, then after its back-off.
func (h *harness) crashRestart(st *podState, exitCode int32) {
	delay := st.crashBackoff
	if st.crashBackoff == 0 {
		st.crashBackoff = containerBackOff
	} else {
		st.crashBackoff = min(st.crashBackoff*2, maxContainerBackOff)
	}
	if delay == 0 {
		h.updatePod(st, func(p *v1.Pod) { h.endRun(st, p, exitCode) })
		h.ensureImage(st, true)
		return
	}
	h.updatePod(st, func(p *v1.Pod) {
		h.endRun(st, p, exitCode)
		h.setContainers(p, st, v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
			Message: fmt.Sprintf("back-off %s restarting failed container=%s pod=%s_%s(%s)", delay, h.mainContainer(), st.name, h.namespace, st.uid)}}, false)
	})
	h.recordEvent("pod/"+st.name, v1.EventTypeWarning, "BackOff",
		fmt.Sprintf("Back-off restarting failed container %s in pod %s_%s(%s)", h.mainContainer(), st.name, h.namespace, st.uid))
	h.schedule(h.now+delay, &wake{kind: wakeContainerRestart, pod: st, epoch: st.epoch})
}

// onDeleted is the kubelet noticing a Pod's deletionTimestamp: SIGTERM to a running container.
func (h *harness) onDeleted(st *podState) {
	if _, ok := h.pods[st.name]; !ok || terminalPhase(h.phase(st)) {
		return
	}
	st.epoch++
	epoch := st.epoch
	if st.running {
		h.recordEvent("pod/"+st.name, v1.EventTypeNormal, "Killing", "Stopping container "+h.mainContainer())
		if st.ignoresSigterm && st.grace > 0 {
			h.updatePod(st, func(p *v1.Pod) {
				setCondition(p, v1.ContainersReady, false, h.nowTime())
				setCondition(p, v1.PodReady, false, h.nowTime())
				for i := range p.Status.ContainerStatuses {
					p.Status.ContainerStatuses[i].Ready = false
				}
			})
			// A container that ignores SIGTERM still ends on its own if its work finishes
			// within the grace period, with its own exit code.
			if st.plan != nil {
				natural := st.runStarted + st.plan.runFor
				if natural < h.now+st.grace {
					h.schedule(max(natural, h.now), &wake{kind: wakeContainerExit, pod: st, epoch: epoch})
				}
			}
			h.schedule(h.now+st.grace, &wake{kind: wakeGraceExpired, pod: st, epoch: epoch})
			return
		}
		h.updatePod(st, func(p *v1.Pod) { h.endRun(st, p, 143); h.finish(st, p, v1.PodFailed) })
		h.afterFinish(st)
		return
	}
	h.updatePod(st, func(p *v1.Pod) { h.finish(st, p, v1.PodFailed) })
	h.afterFinish(st)
}

func (h *harness) onGraceExpired(st *podState, epoch uint32) {
	if st.epoch != epoch || terminalPhase(h.phase(st)) {
		return
	}
	h.updatePod(st, func(p *v1.Pod) { h.endRun(st, p, 137); h.finish(st, p, v1.PodFailed) })
	h.afterFinish(st)
}
