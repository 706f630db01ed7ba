package io.ctscope.samples;

import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * The simulation loop. New flows arrive as a Poisson process sized so that the stream averages
 * the configured event rate; each open flow waits in {@link PendingEvents} for its next step.
 * Each turn takes whichever comes first, a new flow or the earliest pending step, and prints at
 * most one line, so the loop stops at exactly the requested number of lines with timestamps
 * non-decreasing. Flows still open at that point simply never print their DESTROY.
 *
 * <p>Everything random is drawn from one {@link SplittableRandom} in a fixed order; there is no
 * wall clock and no hash iteration order, so equal configs give byte-identical output.
 */
public final class EventStreamGenerator {

    private static final int MAX_SOURCE_PORT_TRIES = 16;
    private static final int BUFFER_BYTES = 1 << 18;

    private final GeneratorConfig config;

    public EventStreamGenerator(GeneratorConfig config) {
        this.config = config;
    }

    public GenerationSummary writeTo(OutputStream sink) {
        SplittableRandom random = new SplittableRandom(config.seed());
        AddressPlan plan = new AddressPlan(config.hosts(), config.natAddresses(), random.split());
        FlowOrigins origins = new FlowOrigins(plan, random.split());
        int capacity = config.maxFlows();
        FlowTable flows = new FlowTable(capacity);
        PendingEvents pending = new PendingEvents(capacity);
        TupleIndex originalTuples = new TupleIndex(capacity);
        NatPortAllocator nat = new NatPortAllocator(capacity);
        ConntrackIds ids = new ConntrackIds(config.seed());
        EventLineWriter out = new EventLineWriter(sink, BUFFER_BYTES);
        FlowLifecycle lifecycle = new FlowLifecycle(flows, out, random);
        GenerationSummary summary = new GenerationSummary();

        double meanArrivalGapMicros = 1e6 * FlowKind.expectedEventsPerFlow() / config.eventsPerSecond();
        double arrival = config.startMicros();
        long lines = 0;
        long target = config.lines();
        long now = config.startMicros();
        while (lines < target) {
            long arrivalMicros = (long) arrival;
            if (pending.isEmpty() || arrivalMicros <= pending.peekDue()) {
                now = arrivalMicros;
                arrival += -meanArrivalGapMicros * Math.log(1.0 - random.nextDouble());
                origins.next(random);
                if (flows.isFull()) {
                    summary.droppedTableFull++;
                    continue;
                }
                int hostAddr = AddressPlan.hostAddr(origins.host);
                int tries = 0;
                while (!originalTuples.add(hostAddr, origins.sport, origins.server, origins.dport)
                        && ++tries < MAX_SOURCE_PORT_TRIES) {
                    origins.retrySourcePort(random);
                }
                if (tries == MAX_SOURCE_PORT_TRIES) {
                    summary.droppedNoFreePort++;
                    continue;
                }
                int natAddr = plan.natAddrForHost(origins.host);
                int natPort = nat.allocate(natAddr, origins.sport, origins.server, origins.dport, random);
                if (natPort == NatPortAllocator.FAILED) {
                    originalTuples.remove(hostAddr, origins.sport, origins.server, origins.dport);
                    summary.droppedNoFreePort++;
                    continue;
                }
                int slot = flows.allocate();
                flows.kind[slot] = origins.kind;
                flows.src[slot] = hostAddr;
                flows.sport[slot] = origins.sport;
                flows.server[slot] = origins.server;
                flows.dport[slot] = origins.dport;
                flows.natAddr[slot] = natAddr;
                flows.natPort[slot] = natPort;
                flows.id[slot] = ids.next();
                pending.add(lifecycle.start(slot, now), slot);
                summary.newEvents++;
                summary.peakOpen = Math.max(summary.peakOpen, flows.open());
            } else {
                int slot = pending.peekSlot();
                now = pending.peekDue();
                long due = lifecycle.fire(slot, now);
                if (due == FlowLifecycle.GONE) {
                    pending.removeTop();
                    originalTuples.remove(flows.src[slot], flows.sport[slot],
                            flows.server[slot], flows.dport[slot]);
                    nat.release(flows.natAddr[slot], flows.natPort[slot], flows.server[slot], flows.dport[slot]);
                    flows.release(slot);
                    summary.destroyEvents++;
                } else {
                    pending.rescheduleTop(due);
                    summary.updateEvents++;
                }
            }
            if (lines == 0) {
                summary.firstMicros = now;
            }
            lines++;
        }
        out.flush();
        summary.lines = lines;
        summary.lastMicros = now;
        summary.bytes = out.bytesWritten();
        summary.openAtEnd = flows.open();
        summary.natPortRewrites = nat.rewrites();
        return summary;
    }
}
