# Richards (after the classic OS-kernel benchmark): a scheduler runs an idle
# task, a worker, two packet handlers and two devices that pass work packets
# along linked queues. Classes, attribute access, method calls and linked
# lists. Prints the queue and hold counts of each run.
#
#     python3 bench/richards.py [iterations]

import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
DEVICE_PACKET, WORK_PACKET = 0, 1
DATA_SIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * DATA_SIZE

    def append_to(self, queue):
        """Put this packet at the end of `queue`; return the new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    """A task control block: state bits, a queue of waiting packets."""

    def __init__(self, sched, ident, priority, queue):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = queue is not None
        self.waiting = False
        self.held = False
        self.link = sched.tasks
        sched.tasks = self
        sched.table[ident] = self

    def runnable(self):
        return self.packet_pending and not self.waiting and not self.held

    def blocked(self):
        return self.held or (self.waiting and not self.packet_pending)

    def take_packet(self):
        """Dequeue the first waiting packet (None if the task was woken empty)."""
        if self.waiting and self.packet_pending:
            packet = self.queue
            self.queue = packet.link
            self.packet_pending = self.queue is not None
            self.waiting = False
            return packet
        return None

    def add_packet(self, packet, old):
        """Queue a packet for this task; return the task to run next."""
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > old.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return old


class IdleTask(Task):
    def __init__(self, sched, ident, priority, queue, count):
        Task.__init__(self, sched, ident, priority, queue)
        self.control = 1
        self.count = count

    def run(self, packet):
        sched = self.sched
        self.count -= 1
        if self.count == 0:
            return sched.hold_self()
        if self.control & 1 == 0:
            self.control >>= 1
            return sched.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return sched.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        sched = self.sched
        if packet is None:
            return sched.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(DATA_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        return sched.queue_packet(packet)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.work_in = None
        self.device_in = None

    def run(self, packet):
        sched = self.sched
        if packet is not None:
            if packet.kind == WORK_PACKET:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count < DATA_SIZE:
                device = self.device_in
                if device is not None:
                    self.device_in = device.link
                    device.datum = work.data[count]
                    work.datum = count + 1
                    return sched.queue_packet(device)
            else:
                self.work_in = work.link
                return sched.queue_packet(work)
        return sched.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.pending = None

    def run(self, packet):
        sched = self.sched
        if packet is None:
            packet = self.pending
            if packet is None:
                return sched.wait()
            self.pending = None
            return sched.queue_packet(packet)
        self.pending = packet
        return sched.hold_self()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.current = None
        self.queue_count = 0
        self.hold_count = 0

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.blocked():
                task = task.link
                continue
            self.current = task
            packet = task.take_packet()
            task = task.run(packet)

    def wait(self):
        self.current.waiting = True
        return self.current

    def hold_self(self):
        self.hold_count += 1
        self.current.held = True
        return self.current.link

    def release(self, ident):
        task = self.table[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def queue_packet(self, packet):
        task = self.table[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current.ident
        return task.add_packet(packet, self.current)


def run_once(count):
    sched = Scheduler()
    IdleTask(sched, IDLE, 0, None, count)

    queue = Packet(None, WORKER, WORK_PACKET)
    queue = Packet(queue, WORKER, WORK_PACKET)
    WorkerTask(sched, WORKER, 1000, queue)

    queue = Packet(None, DEVICE_A, DEVICE_PACKET)
    queue = Packet(queue, DEVICE_A, DEVICE_PACKET)
    queue = Packet(queue, DEVICE_A, DEVICE_PACKET)
    HandlerTask(sched, HANDLER_A, 2000, queue)

    queue = Packet(None, DEVICE_B, DEVICE_PACKET)
    queue = Packet(queue, DEVICE_B, DEVICE_PACKET)
    queue = Packet(queue, DEVICE_B, DEVICE_PACKET)
    HandlerTask(sched, HANDLER_B, 3000, queue)

    DeviceTask(sched, DEVICE_A, 4000, None)
    DeviceTask(sched, DEVICE_B, 5000, None)

    # Tasks start held-or-waiting as in the original: the idle task runs
    # first, the worker and handlers wait for their packets.
    for ident in (WORKER, HANDLER_A, HANDLER_B):
        sched.table[ident].waiting = True
    sched.table[DEVICE_A].waiting = True
    sched.table[DEVICE_B].waiting = True
    sched.table[IDLE].packet_pending = True

    sched.schedule()
    return sched.queue_count, sched.hold_count


def main(iterations):
    totals = [0, 0]
    for i in range(iterations):
        queued, held = run_once(1000 + 100 * (i % 5))
        totals[0] += queued
        totals[1] += held
        if i % 10 == 0:
            print('run', i, 'queued', queued, 'held', held)
    print('total queued', totals[0], 'held', totals[1])


main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
