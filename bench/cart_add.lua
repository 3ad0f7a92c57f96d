-- wrk script of bench/run's cart-add scenario: each request adds one unit of a cart's own variant to the next of the
-- carts listed in BENCH_CARTS_FILE ("cart_id cart_token variant_id" per line), round-robin from a per-thread offset,
-- so that the load spreads over many cart rows. Counts and reports like report.lua, which it loads.
dofile("bench/report.lua")

local report_setup = setup
local thread_count = 0
function setup(thread)
   report_setup(thread)
   thread_count = thread_count + 1
   thread:set("offset", thread_count * 37)
end

local carts = {}
local counter = 0
function init(args)
   for line in io.lines(os.getenv("BENCH_CARTS_FILE")) do
      local id, token, variant = line:match("(%S+) (%S+) (%S+)")
      if id then table.insert(carts, {id, token, variant}) end
   end
   counter = (offset or 0) % #carts
end

function request()
   counter = counter % #carts + 1
   local cart = carts[counter]
   return wrk.format("POST", "/api/v1/shops/bench/carts/" .. cart[1] .. "/lines",
      {["Cart-Token"] = cart[2], ["Content-Type"] = "application/json"},
      '{"variant_id":"' .. cart[3] .. '","quantity":1}')
end
