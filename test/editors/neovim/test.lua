-- Drives idsync-language-server from a headless Neovim configured only by one README snippet
-- (the init.lua test/editors/neovim.test.ts writes) and writes what Neovim shows to $IDSYNC_OUT
-- as JSON. Every wait is bounded (vim.wait); any failure is recorded as `error` and Neovim quits.
-- Written for the APIs of Neovim 0.7 to 0.12.
local ws = assert(os.getenv('IDSYNC_WS'), 'IDSYNC_WS is not set')
local out = assert(os.getenv('IDSYNC_OUT'), 'IDSYNC_OUT is not set')
local TIMEOUT = 15000

local R = { version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }
local function write_result()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(R))
  f:close()
end

local function wait(what, cond)
  if not vim.wait(TIMEOUT, cond, 10) then error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what, 2) end
end

local function clients_of(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local function all_clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients() end
  return vim.lsp.get_active_clients()
end

local function uri_of(buf) return vim.uri_from_bufnr(buf) end

-- What the server sends, recorded before Neovim handles it.
local published = {} -- uri -> number of publishDiagnostics
local registrations = {}
local function wrap(method, record)
  local original = vim.lsp.handlers[method]
  vim.lsp.handlers[method] = function(err, result, ctx, config)
    record(result)
    if original then return original(err, result, ctx, config) end
    return vim.NIL
  end
end
wrap('textDocument/publishDiagnostics', function(result) published[result.uri] = (published[result.uri] or 0) + 1 end)
local messages = {}
wrap('window/showMessage', function(result) table.insert(messages, { type = result.type, message = result.message }) end)
wrap('client/registerCapability', function(result)
  for _, r in ipairs(result and result.registrations or {}) do table.insert(registrations, { method = r.method, registerOptions = r.registerOptions }) end
end)
local notified = {}
vim.notify = function(msg, level) table.insert(notified, { message = tostring(msg), level = level }) end

local function code_of(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local function diagnostics_of(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = code_of(d), severity = d.severity, message = d.message, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return a.message < b.message
  end)
  return list
end
local function text_of(buf) return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') end

-- Opens a file, waits for the idsync client and its first diagnostics.
local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. name))
  local buf = vim.api.nvim_get_current_buf()
  wait('the idsync client on ' .. name, function() return #clients_of(buf) > 0 end)
  return buf
end
local function wait_published(buf, after)
  local uri = uri_of(buf)
  wait('diagnostics for ' .. uri, function() return (published[uri] or 0) > after end)
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  assert(responses, method .. ' got no response within ' .. TIMEOUT .. ' ms')
  for _, r in pairs(responses) do
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end
end
local function position_of(buf, needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(needle, 1, true)
    if s then return { line = i - 1, character = s - 1 + (offset or 0) } end
  end
  error('not found: ' .. needle)
end

local function run()
  -- 1. The config: filetype, highlighting, client, diagnostics.
  local cfg = open('facebook.idsync.json')
  wait('the highlighting of facebook.idsync.json', function() return vim.bo[cfg].syntax == 'jsonc' end)
  local comment = position_of(cfg, '// UI label')
  local key = position_of(cfg, '"externalId": "email"')
  R.config = {
    filetype = vim.bo[cfg].filetype,
    syntax = vim.bo[cfg].syntax,
    commentstring = vim.bo[cfg].commentstring,
    commentGroup = vim.fn.synIDattr(vim.fn.synID(comment.line + 1, comment.character + 1, 1), 'name'),
    keyGroup = vim.fn.synIDattr(vim.fn.synID(key.line + 1, key.character + 2, 1), 'name'),
  }
  local client = clients_of(cfg)[1]
  R.client = {
    name = client.name,
    root = client.config.root_dir,
    clients = #all_clients(),
    executeCommandProvider = client.server_capabilities.executeCommandProvider or vim.NIL,
    clientCommands = vim.tbl_keys(vim.lsp.commands),
  }
  local caps = vim.lsp.protocol.make_client_capabilities()
  R.capabilities = {
    configuration = caps.workspace and caps.workspace.configuration or false,
    didChangeConfigurationDynamic = vim.tbl_get and vim.tbl_get(caps, 'workspace', 'didChangeConfiguration', 'dynamicRegistration') or false,
    didChangeWatchedFilesDynamic = vim.tbl_get and vim.tbl_get(caps, 'workspace', 'didChangeWatchedFiles', 'dynamicRegistration') or false,
    snippetSupport = caps.textDocument.completion.completionItem.snippetSupport or false,
  }
  wait_published(cfg, 0)
  R.config.diagnostics = diagnostics_of(cfg)

  -- 2. The space file: same client, its own problems, and an unsaved edit reaches the server.
  local space = open('idsync.space.json')
  R.space = { filetype = vim.bo[space].filetype, sameClient = clients_of(space)[1].id == client.id }
  wait_published(space, 0)
  R.space.diagnostics = diagnostics_of(space)
  local before = published[uri_of(cfg)]
  local p = position_of(space, '"too-many-all": "warning"', #'"too-many-all": "')
  vim.api.nvim_buf_set_text(space, p.line, p.character, p.line, p.character + #'warning', { 'off' })
  -- Publications for the config may already be on their way (opening the space file re-checks it):
  -- wait for the one without too-many-all, which only the edited space file explains.
  wait('the config re-checked with the edited space file', function()
    if (published[uri_of(cfg)] or 0) <= before then return false end
    for _, d in ipairs(diagnostics_of(cfg)) do if d.code == 'too-many-all' then return false end end
    return true
  end)
  R.space.editedText = text_of(space)
  R.space.configDiagnosticsAfterEdit = diagnostics_of(cfg)
  vim.api.nvim_buf_set_text(space, p.line, p.character, p.line, p.character + #'off', { 'warning' })
  wait('the config re-checked with the restored space file', function()
    for _, d in ipairs(diagnostics_of(cfg)) do if d.code == 'too-many-all' then return true end end
    return false
  end)

  -- 3. Completion inside "mapTo": "" : the server's items, and what the built-in omnifunc inserts.
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/new.idsync.json'))
  local new = vim.api.nvim_get_current_buf()
  wait('the idsync client on new.idsync.json', function() return #clients_of(new) > 0 end)
  vim.api.nvim_buf_set_lines(new, 0, -1, false, {
    '{',
    '  "audience": { "key": "vip" },',
    '  "destination": { "slug": "personas-facebook-custom-audiences" },',
    '  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": "" }]',
    '}',
  })
  local at = position_of(new, '"mapTo": ""', #'"mapTo": "')
  vim.api.nvim_win_set_cursor(0, { at.line + 1, at.character })
  local result = request(new, 'textDocument/completion', { textDocument = { uri = uri_of(new) }, position = at })
  local items = result.items or result
  R.completion = { items = {} }
  for _, item in ipairs(items) do
    table.insert(R.completion.items, { label = item.label, insertText = item.insertText or vim.NIL, textEdit = item.textEdit or vim.NIL })
  end
  -- Neovim's built-in completion (omnifunc, i_CTRL-X_CTRL-O) on its own code path. Headless, the
  -- script is not in Insert mode, so mode() and nvim_get_mode() answer "i" and complete() is captured; the chosen
  -- word is then applied as Vim's complete() does: it replaces the text from the start column
  -- (1-based) to the cursor.
  local function omnifunc(typed)
    local text = '  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": "' .. typed .. '" }]'
    vim.api.nvim_buf_set_lines(new, 3, 4, false, { text })
    local col = #'  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": "' + #typed
    vim.api.nvim_win_set_cursor(0, { 4, col })
    local captured
    local real_complete, real_mode = vim.fn.complete, vim.fn.mode
    vim.fn.complete = function(c, matches) captured = { col = c, matches = matches } end
    local real_get_mode = vim.api.nvim_get_mode
    vim.fn.mode = function() return 'i' end
    vim.api.nvim_get_mode = function() return { mode = 'i', blocking = false } end
    local start = vim.lsp.omnifunc(1, '')
    local line = vim.api.nvim_get_current_line()
    local base = start >= 0 and line:sub(start + 1, col) or ''
    local direct = vim.lsp.omnifunc(0, base)
    local ok = vim.wait(TIMEOUT, function() return captured ~= nil end, 10)
    -- Each omnifunc call above sent a request: drain both answers (a request answered after them)
    -- before complete() is restored, so that none reaches the next case.
    request(new, 'textDocument/hover', { textDocument = { uri = uri_of(new) }, position = { line = 0, character = 0 } })
    vim.fn.complete, vim.fn.mode, vim.api.nvim_get_mode = real_complete, real_mode, real_get_mode
    if not ok then error('timed out waiting for the omnifunc to call complete()') end
    local r = { start = start, direct = direct, col = captured.col, words = {} }
    for _, m in ipairs(captured.matches) do
      local word = type(m) == 'table' and m.word or m
      table.insert(r.words, word)
      if (type(m) == 'table' and (m.abbr == 'PHONE' or m.word:find('PHONE', 1, true))) and not r.phoneLine then
        r.phoneLine = line:sub(1, captured.col - 1) .. word .. line:sub(col + 1)
      end
    end
    return r
  end
  R.completion.omnifunc = omnifunc('')
  R.completion.omnifuncPrefix = omnifunc('PH')

  -- 4. Hover over "MADID".
  vim.cmd('buffer ' .. cfg)
  local hover = request(cfg, 'textDocument/hover', { textDocument = { uri = uri_of(cfg) }, position = position_of(cfg, '"MADID"', 2) })
  R.hover = { lines = vim.lsp.util.convert_input_to_markdown_lines(hover.contents) }

  -- 5. CodeLens: what the server offers and whether this client can run it.
  local lenses = request(cfg, 'textDocument/codeLens', { textDocument = { uri = uri_of(cfg) } }) or {}
  R.codeLens = {}
  for _, l in ipairs(lenses) do table.insert(R.codeLens, { line = l.range.start.line, title = l.command and l.command.title or vim.NIL, command = l.command and l.command.command or vim.NIL }) end
  -- ... and run it as a user does: vim.lsp.codelens.refresh(), then vim.lsp.codelens.run() on its line.
  vim.lsp.codelens.refresh()
  wait('the code lenses to be displayed', function() return #vim.lsp.codelens.get(cfg) > 0 end)
  vim.api.nvim_win_set_cursor(0, { lenses[1].range.start.line + 1, 0 })
  local notifiedBefore = #notified
  vim.lsp.codelens.run()
  wait('the preview shown by the lens command', function() return #messages > 0 or #notified > notifiedBefore end)
  R.codeLensRun = { messages = messages, notified = vim.list_slice(notified, notifiedBefore + 1) }

  -- 6. The preferred quick fix for "Last Added", through vim.lsp.buf.code_action and vim.ui.select.
  local fixAt = position_of(cfg, '"Last Added"', 1)
  vim.api.nvim_win_set_cursor(0, { fixAt.line + 1, fixAt.character })
  R.codeAction = { titles = {} }
  local chosen = false
  vim.ui.select = function(choices, _, on_choice)
    for _, c in ipairs(choices) do
      local action = c.action or c[2]
      table.insert(R.codeAction.titles, action.title)
    end
    for i, c in ipairs(choices) do
      local action = c.action or c[2]
      if action.title == 'Change to "last"' then chosen = true; return on_choice(c, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  wait('the code action to be offered', function() return #R.codeAction.titles > 0 end)
  assert(chosen, 'no action titled Change to "last"')
  wait('the fix to change the buffer', function() return not text_of(cfg):find('Last Added', 1, true) end)
  R.codeAction.text = text_of(cfg)

  -- 7. Formatting a messy buffer (two-space indent from the buffer's options).
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/format.idsync.json'))
  local fmt = vim.api.nvim_get_current_buf()
  wait('the idsync client on format.idsync.json', function() return #clients_of(fmt) > 0 end)
  vim.bo[fmt].shiftwidth = 2
  vim.bo[fmt].tabstop = 2
  vim.bo[fmt].expandtab = true
  vim.api.nvim_buf_set_lines(fmt, 0, -1, false, {
    '{"audience":{"key":"vip"},   // the audience',
    '"destination":{',
    '"slug":"personas-facebook-custom-audiences"},',
    '    "idSyncConfiguration":[{"externalId":"email","strategy":"last","mapTo":"EMAIL"},',
    ']}',
  })
  if vim.lsp.buf.format then vim.lsp.buf.format({ async = false, timeout_ms = TIMEOUT }) else vim.lsp.buf.formatting_sync(nil, TIMEOUT) end
  R.formatting = { text = text_of(fmt) }

  -- 8. What the server registered and what Neovim logged about it.
  R.registrations = registrations
  R.notified = notified
  R.log = {}
  local log = io.open(vim.lsp.get_log_path(), 'r')
  if log then
    for l in log:lines() do
      if l:find('registerCapability', 1, true) or l:find('WARN', 1, true) or l:find('ERROR', 1, true) then table.insert(R.log, l) end
    end
    log:close()
  end
end

local ok, err = xpcall(run, debug.traceback)
if not ok then R.error = tostring(err) end
write_result()
for _, c in ipairs(all_clients()) do
  if vim.fn.has('nvim-0.11') == 1 then c:stop() else vim.lsp.stop_client(c.id) end
end
vim.wait(2000, function() return #all_clients() == 0 end, 10)
vim.cmd('qa!')
