// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

/// @title Chainlink AggregatorV3-shaped price feed whose answer its owner sets (tests, the demo, a market process).
/// @notice Answers are USD per whole token with `decimals` decimals. Each update starts a new round; `setRound` can
///         also back-date `updatedAt`, which is how tests make a feed stale without moving the chain's clock.
contract PriceFeed {
    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 1;
    address public immutable owner;

    uint80 private roundId;
    int256 private answer;
    uint256 private startedAt;
    uint256 private updatedAt;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    error NotOwner(address caller);
    error NonPositiveAnswer(int256 answer);
    error UpdatedInFuture(uint256 updatedAt, uint256 blockTimestamp);

    constructor(uint8 decimals_, string memory description_, int256 answer_) {
        decimals = decimals_;
        description = description_;
        owner = msg.sender;
        _set(answer_, block.timestamp);
    }

    function setAnswer(int256 answer_) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _set(answer_, block.timestamp);
    }

    function setRound(int256 answer_, uint256 updatedAt_) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (updatedAt_ > block.timestamp) revert UpdatedInFuture(updatedAt_, block.timestamp);
        _set(answer_, updatedAt_);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, startedAt, updatedAt, roundId);
    }

    function _set(int256 answer_, uint256 at) private {
        if (answer_ <= 0) revert NonPositiveAnswer(answer_);
        roundId += 1;
        answer = answer_;
        startedAt = at;
        updatedAt = at;
        emit AnswerUpdated(answer_, roundId, at);
    }
}
