# asyncio.Future states: result()/exception() before completion, set_result twice, cancel, done callbacks order.
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for call in (fut.result, fut.exception):
        try:
            call()
        except asyncio.InvalidStateError as e:
            print("InvalidStateError:", e)
    fut.add_done_callback(lambda f: print("callback 1", f.result()))
    fut.add_done_callback(lambda f: print("callback 2", f.done()))
    fut.set_result("value")
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await asyncio.sleep(0)
    print(await fut, fut.cancel(), fut.cancelled())
    f2 = asyncio.Future()
    print(f2.cancel(), f2.cancelled(), f2.done())
    try:
        f2.result()
    except asyncio.CancelledError:
        print("CancelledError from result()")
    f3 = asyncio.Future()
    f3.set_exception(KeyError("k"))
    print(repr(f3.exception()))
    try:
        await f3
    except KeyError as e:
        print("await raised", repr(e))
asyncio.run(main())
